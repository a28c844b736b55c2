import { ApiError } from './api.js';
import { mount } from './dom.js';

/** The error line under the top bar. */
export function showError(err: unknown): void {
  const banner = document.getElementById('banner');
  if (!banner) return;
  const msg =
    err instanceof ApiError && err.status === 401
      ? 'Not logged in: open the login link that `cloudward serve` printed.'
      : err instanceof Error
        ? err.message
        : String(err);
  mount(banner, msg);
  banner.hidden = false;
}

export function clearError(): void {
  const banner = document.getElementById('banner');
  if (!banner) return;
  banner.hidden = true;
  banner.replaceChildren();
}
