/** Run `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const list = [...items];
  const out = new Array<R>(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      out[i] = await fn(list[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  return out;
}

/** A bounded task pool fed as work arrives: `add` waits while the pool is full (backpressure). */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private firstError: unknown;
  private failed = false;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const p: Promise<void> = task()
      .catch((e: unknown) => {
        if (!this.failed) {
          this.failed = true;
          this.firstError = e;
        }
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Wait for every task; rethrows the first task error. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failed) throw this.firstError;
  }
}
