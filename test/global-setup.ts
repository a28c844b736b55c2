import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Data the build computes and the code under test reads: computed here when absent (no build yet). */
export default function setup(): void {
  if (!existsSync('dist/geo/country-centroids.json')) {
    execFileSync(process.execPath, ['scripts/country-centroids.mjs'], { stdio: 'inherit' });
  }
}
