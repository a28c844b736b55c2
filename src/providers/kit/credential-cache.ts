/**
 * Credentials a process keeps across the providers it builds: a scale-out worker builds one
 * provider per scan it serves, and without this each would assume every account's role again.
 * Values are credential providers that refresh themselves before expiry (memoized), so an entry
 * is kept for the life of the process; `get` only decides who builds it first.
 */
export class CredentialCache {
  private readonly entries = new Map<string, unknown>();

  /** The value kept under `key`, made by `make` the first time. */
  get<T>(key: string, make: () => T): T {
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = make();
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
