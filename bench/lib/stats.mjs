// The latency figures the API benchmarks print: percentiles of timings in ms.

/** The p-th percentile (0 to 100) of ascending `sorted`: the value at rank floor(p% of n), at most the last. */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The median and 95th percentile of `times`, which it sorts in place. */
export function p50p95(times) {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
