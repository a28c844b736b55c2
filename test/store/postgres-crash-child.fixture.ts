/*
 * A scan writer run as its own process by postgres.test.ts, which kills it with SIGKILL.
 * Run: node --import ./test/store/ts-loader/register.mjs test/store/postgres-crash-child.fixture.ts \
 *        <mode> <url> <schema> <leaseMs>
 *   mid-scan:    begins one scan, writes batches forever; prints "ready <scan id> <rows>" after 3 batches
 *   commit-loop: begins, writes and commits scans one after another; prints "committed <scan id> <rows>"
 * Not a test file: vitest's include pattern (*.test.ts) does not match it.
 */
import { openPostgresStore } from '../../src/store/postgres.js';
import { isCrashMode, runCrashWriter } from './crash-writer.js';

const [mode, url, schema, lease] = process.argv.slice(2);
if (!url || !schema || !lease || !isCrashMode(mode)) {
  process.stderr.write(
    'usage: postgres-crash-child.fixture.ts mid-scan|commit-loop <url> <schema> <leaseMs>\n',
  );
  process.exit(2);
}

await runCrashWriter(await openPostgresStore(url, { schema, leaseMs: Number(lease) }), mode);
