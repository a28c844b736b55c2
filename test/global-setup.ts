import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * What the build computes and the code under test reads: the report's page script is compiled
 * on every run (so tests see its current source), the country table when absent (no build yet).
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/report-client.mjs'], { stdio: 'inherit' });
  if (!existsSync('dist/geo/country-centroids.json')) {
    execFileSync(process.execPath, ['scripts/country-centroids.mjs'], { stdio: 'inherit' });
  }
}
