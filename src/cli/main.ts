#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/load.js';
import { createLogger, errorFields, type Logger } from '../core/logger.js';
import { sanitizeMultiline } from '../core/terminal-text.js';
import { version } from '../core/version.js';
import { wrapHanging } from '../output/text-layout.js';
import { registerChecksCommand } from './checks.js';
import { registerConfigCommand } from './config.js';
import { registerDetectCommand } from './detect.js';
import { registerDiffCommand } from './diff.js';
import { EXIT, takeExitCode, UserError } from './errors.js';
import { registerFindingsCommand } from './findings.js';
import { registerFrameworksCommand } from './frameworks.js';
import { registerHistoryCommand } from './history.js';
import { logFormatOf, routeStderrToJson } from './json-stderr.js';
import { registerPolicyCommand } from './policy.js';
import { registerQueryCommand } from './query.js';
import { registerQueueCommand } from './queue.js';
import { registerRemediateCommand } from './remediate.js';
import { registerReportCommand } from './report.js';
import { registerRulesCommand } from './rules.js';
import { registerScanCommand } from './scan.js';
import { registerServeCommand } from './serve.js';
import { registerStoreCommand } from './store.js';
import { terminalWidth } from './terminal.js';
import { registerWatchCommand } from './watch.js';
import { registerWorkerCommand } from './worker.js';

export function buildProgram(): Command {
  const program = new Command('cloudward')
    .description('Agentless cloud security auditing and monitoring for AWS, Azure and GCP')
    .version(version())
    .option(
      '-c, --config <file>',
      'a config file, layered over /etc/cloudward.yaml, the user config and ./cloudward.yaml (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--db <path>', 'SQLite store path (default: $CLOUDWARD_DB or ~/.cloudward/cloudward.db)')
    .addOption(new Option('--log-format <format>', 'log format on stderr').choices(['text', 'json']))
    .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']))
    .option('-q, --quiet', 'only warnings and errors on stderr, no progress bar')
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerScanCommand(program);
  registerFindingsCommand(program);
  registerDiffCommand(program);
  registerHistoryCommand(program);
  registerChecksCommand(program);
  registerFrameworksCommand(program);
  registerConfigCommand(program);
  registerDetectCommand(program);
  registerRulesCommand(program);
  registerReportCommand(program);
  registerServeCommand(program);
  registerPolicyCommand(program);
  registerWatchCommand(program);
  registerStoreCommand(program);
  registerQueryCommand(program);
  registerRemediateCommand(program);
  registerWorkerCommand(program);
  registerQueueCommand(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

function* commandTree(c: Command): Iterable<Command> {
  yield c;
  for (const sub of c.commands) yield* commandTree(sub);
}

/** The JSON logger of a command line that asks for JSON logs (--log-format json), else undefined. */
function jsonLogger(argv: string[]): Logger | undefined {
  return logFormatOf(argv.slice(2)) === 'json' ? createLogger({ level: 'debug', format: 'json' }) : undefined;
}

/** Runs the CLI; every failure becomes one clear message and an exit code. */
export async function main(argv: string[]): Promise<number> {
  const json = jsonLogger(argv);
  // with JSON logs, whatever reaches stderr (the SDK's console output included) is JSON
  const restoreStderr = json ? routeStderrToJson(json) : undefined;
  const program = buildProgram();
  if (json) {
    for (const c of commandTree(program)) c.configureOutput({ outputError: (str) => json.error(str.trim()) });
  }
  try {
    takeExitCode();
    process.exitCode = undefined;
    await program.parseAsync(argv);
    // commands report a non-zero outcome through setExitCode (or process.exitCode)
    const code = takeExitCode() || (typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
    process.exitCode = undefined;
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    const err = e as Error;
    const expected =
      e instanceof UserError ||
      e instanceof ConfigError ||
      ['StoreError', 'ProviderError'].includes(err.name);
    const exitCode = e instanceof UserError ? e.exitCode : expected ? EXIT.input : EXIT.internal;
    if (json) {
      // one object: the message, and for an unexpected failure the error with its stack
      if (e instanceof ConfigError)
        json.error('invalid configuration', { problems: e.problems, exit_code: exitCode });
      else json.error(err.message, { exit_code: exitCode, ...(expected ? {} : errorFields(e)) });
      return exitCode;
    }
    const message =
      e instanceof ConfigError
        ? configProblemsText(e.problems, terminalWidth(process.stderr))
        : sanitizeMultiline(err.message);
    process.stderr.write(`cloudward: ${message}\n`);
    if (!expected && process.env.CLOUDWARD_DEBUG) process.stderr.write(`${err.stack}\n`);
    return exitCode;
  } finally {
    restoreStderr?.();
  }
}

/**
 * The problems of a config for people, in `width` columns: each indented under the heading, a long
 * one (its ` (at FILE:LINE:COL)` names a file by its full path) going on below, indented further.
 */
function configProblemsText(problems: readonly string[], width: number): string {
  const lines = problems.flatMap((p) => wrapHanging(`  ${sanitizeMultiline(p)}`, width, 4));
  return ['invalid configuration:', ...lines].join('\n');
}

// Node 20 is supported by the SDK versions the lock file pins; the SDK's notice about its
// future releases is not something a user of this tool can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const entry = process.argv[1] ?? '';
if (import.meta.url === `file://${entry}` || entry.endsWith('/cloudward') || entry.endsWith('cli/main.js')) {
  // `cloudward ... | head` closes stdout early: stop quietly, as other command-line tools do
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const json = jsonLogger(process.argv);
  if (json) {
    // a failure outside main's reach (a stray promise, a timer) is still one JSON object
    const crash = (e: unknown) => {
      json.error(`unexpected failure: ${e instanceof Error ? e.message : String(e)}`, errorFields(e));
      process.exit(EXIT.internal);
    };
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
  }
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
