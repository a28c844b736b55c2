/**
 * A store could not be opened or used. The message always names the store's location and
 * what went wrong, so the user can find the file and fix it.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly location: string;

  constructor(location: string, problem: string, options?: { cause?: unknown }) {
    super(`store ${location}: ${problem}`, options);
    this.location = location;
  }
}

/** The message of anything thrown, for wrapping. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
