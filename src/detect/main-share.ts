/**
 * The share of a parallel detect's files that the main thread reads itself, with the single-threaded path,
 * beside finishing what the worker threads send. The main thread has work of its own for every event a
 * worker reads (correlations, findings, storage), and that work varies with the rules: with a rule set that
 * makes nearly every event a finding, it is most of the cost of reading the file outright. A fixed split
 * either leaves the main thread idle, waiting on the workers, or the workers idle, waiting on it.
 *
 * So the split follows what is measured, per byte of file: `self`, the main thread reading a file itself;
 * `finish`, the main thread finishing a file a worker read; `worker`, a worker reading one. With `k` workers
 * the main thread keeps pace with them when it reads a share `s` of the files such that
 * `s * self + (1 - s) * finish = (1 - s) * worker / k`. Until all three are known, it reads one file in
 * `k + 1`: as many as each worker.
 */
export type ShareMeasure = 'self' | 'finish' | 'worker';

/** Weight of a new measure in the running average: files differ, and the machine's load changes. */
const WEIGHT = 0.3;

export class MainShare {
  private share: number;
  /** files owed to the main thread: each file adds the share, and the main thread takes one per whole */
  private credit: number;
  private readonly costs: Partial<Record<ShareMeasure, number>> = {};

  constructor(private readonly workers: number) {
    this.share = workers > 0 ? 1 / (workers + 1) : 1;
    // the first file is the main thread's: it has its rules loaded while the workers load theirs
    this.credit = 1 - this.share;
  }

  /** The share of files the main thread reads now (0 to 1). */
  get value(): number {
    return this.share;
  }

  /** Whether the main thread reads the next file in order (asked once per file). */
  nextIsMain(): boolean {
    this.credit += this.share;
    if (this.credit >= 1 - 1e-9) {
      this.credit -= 1;
      return true;
    }
    return false;
  }

  /** Takes a measure: `ms` spent on a file of `bytes`. */
  observe(kind: ShareMeasure, bytes: number, ms: number): void {
    if (this.workers === 0 || !(ms >= 0)) return;
    const perByte = ms / Math.max(bytes, 1);
    const known = this.costs[kind];
    this.costs[kind] = known === undefined ? perByte : known + WEIGHT * (perByte - known);
    const { self, finish, worker } = this.costs;
    if (self === undefined || finish === undefined || worker === undefined) return;
    const perWorker = worker / this.workers;
    // finishing the workers' files alone keeps the main thread busier than they are: it reads none
    const s = perWorker <= finish ? 0 : (perWorker - finish) / (self - finish + perWorker);
    this.share = Math.min(1, Math.max(0, s));
  }
}
