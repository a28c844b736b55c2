/*
 * A scan writer run as its own process by sqlite.test.ts, which kills it with SIGKILL.
 * Run: node --import ./test/store/ts-loader/register.mjs test/store/crash-child.fixture.ts <mode> <db>
 * (modes: see crash-writer.ts). Not a test file: vitest's include pattern (*.test.ts) does not match it.
 */
import { openSqliteStore } from '../../src/store/sqlite.js';
import { isCrashMode, runCrashWriter } from './crash-writer.js';

const [mode, dbPath] = process.argv.slice(2);
if (!dbPath || !isCrashMode(mode)) {
  process.stderr.write('usage: crash-child.fixture.ts mid-scan|commit-loop <db>\n');
  process.exit(2);
}

await runCrashWriter(await openSqliteStore(dbPath), mode);
