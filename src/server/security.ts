import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** The only custom header a cross-site form cannot send: state-changing API calls need it. */
export const CSRF_HEADER = 'x-cloudward-request';
export const TOKEN_COOKIE = 'cloudward_token';

/**
 * Scripts, styles, images and fetches only from this origin; no inline script, no framing,
 * no plugins, no form posts elsewhere. Inline style attributes are refused too: the front end
 * styles elements through classes and the CSSOM.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

/** True for names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (of digests, so the lengths need not match). */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m?.[1];
}

export type AuthOutcome =
  | { ok: true; via: 'open' | 'bearer' | 'cookie' }
  | { ok: false; status: 401 | 403; message: string };

/**
 * Who may talk to the server. With a token: a matching bearer token or login cookie.
 * Without one (loopback only): anyone on this machine, but only under a loopback Host name,
 * so a web page that rebinds its DNS name to 127.0.0.1 cannot read the API.
 */
export function authenticate(req: IncomingMessage, token: string | null): AuthOutcome {
  if (token === null) {
    const host = hostOf(req.headers.host ?? '');
    if (!isLoopbackHost(host)) {
      return { ok: false, status: 403, message: `the Host header "${host}" is not a loopback name` };
    }
    return { ok: true, via: 'open' };
  }
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    return tokenMatches(bearer, token)
      ? { ok: true, via: 'bearer' }
      : { ok: false, status: 401, message: 'the bearer token is wrong' };
  }
  const cookie = cookieValue(req, TOKEN_COOKIE);
  if (cookie !== undefined && tokenMatches(cookie, token)) return { ok: true, via: 'cookie' };
  return {
    ok: false,
    status: 401,
    message:
      'a token is required: open the login link `cloudward serve` printed, or send Authorization: Bearer <token>',
  };
}

/** The host name of a Host header, without the port. */
export function hostOf(hostHeader: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (m?.[1]) return m[1];
  const colon = hostHeader.lastIndexOf(':');
  return colon > 0 && hostHeader.indexOf(':') === colon ? hostHeader.slice(0, colon) : hostHeader;
}

/**
 * A state-changing request must prove it comes from a script of this origin: the custom header
 * (which a cross-site form or a simple request cannot carry) or the bearer token, and no
 * foreign Origin.
 */
export function checkCsrf(req: IncomingMessage, via: 'open' | 'bearer' | 'cookie'): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      return `the Origin "${origin}" is not a URL`;
    }
    if (originHost !== req.headers.host) return `the Origin "${origin}" is not this server`;
  } else if (origin === 'null') {
    return 'an opaque Origin may not change anything';
  }
  if (via === 'bearer') return null;
  if (req.headers[CSRF_HEADER] === undefined) {
    return `a state-changing request needs the ${CSRF_HEADER} header (or an Authorization: Bearer token)`;
  }
  return null;
}

export function loginCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
