// What the cloud collection benchmarks (azure-collect, gcp-collect) take from the command line:
// --resources N (default 2,000) and --latency MS (default 50) added to every fixture answer; the
// collection runs 16 calls in flight.

/** The number after `--name`, or `dflt` when the flag is absent. */
function numberOption(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

export const RESOURCES = numberOption('resources', 2000);
export const LATENCY = numberOption('latency', 50);
export const CONCURRENCY = 16;

/** Peak RSS of this process, which runs the fixture server too. */
export function peakRssLine() {
  return `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process, fixture server included)`;
}
