// `cloudward watch` in a child process (the CLI as main.ts builds it),
// so the crash tests can SIGKILL a real service. Arguments are those of the CLI.

import { takeExitCode } from '../../src/cli/errors.js';
import { buildProgram } from '../../src/cli/main.js';

const program = buildProgram();
try {
  await program.parseAsync(['node', 'cloudward', ...process.argv.slice(2)]);
  process.exit(takeExitCode());
} catch (e) {
  process.stderr.write(`cloudward: ${(e as Error).message}\n`);
  process.exit(2);
}
