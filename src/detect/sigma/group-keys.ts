/** Keys of value lists for correlation windows: one string per distinct list, made once. */

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * `JSON.stringify(values)` of group-by (or counted) values, remembered for lists of strings, numbers,
 * booleans and nulls (a missing group-by field is null): the same principals and names come back event
 * after event, and a key already made is also already hashed for the window's look-up. Lists that reach
 * the same entry hold equal values (SameValueZero), whose JSON is the same.
 */
export class GroupKeys {
  private root = new Map<unknown, unknown>();
  private size = 0;
  constructor(private readonly max = 4096) {}

  of(values: readonly unknown[]): string {
    const n = values.length;
    if (n === 0) return '[]';
    let map = this.root;
    for (let i = 0; i < n - 1; i++) {
      const v = values[i];
      if (!isPrimitive(v)) return JSON.stringify(values);
      let next = map.get(v) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        map.set(v, next);
        this.grow();
      }
      map = next;
    }
    const last = values[n - 1];
    if (!isPrimitive(last)) return JSON.stringify(values);
    let key = map.get(last) as string | undefined;
    if (key === undefined) {
      key = JSON.stringify(values);
      map.set(last, key);
      this.grow();
    }
    return key;
  }

  /** Bounded memory: past `max` remembered entries, start over. */
  private grow(): void {
    if (++this.size <= this.max) return;
    this.root = new Map();
    this.size = 0;
  }
}
