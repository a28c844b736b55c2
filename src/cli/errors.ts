/** Exit codes CI can gate on. */
export const EXIT = {
  ok: 0,
  /** findings at or above --fail-on */
  findings: 1,
  /** bad input: arguments, config, snapshot, database */
  input: 2,
  /** an unexpected internal failure */
  internal: 3,
  /** with --fail-on-error: a check could not be evaluated (its data could not be read) */
  couldNotEvaluate: 4,
} as const;

/** An error the user can fix: printed as one message, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.input,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

let exitCode: number = EXIT.ok;

/** A command that finishes normally but must exit non-zero (--fail-on) records its code here. */
export function setExitCode(code: number): void {
  exitCode = code;
}

export function takeExitCode(): number {
  const c = exitCode;
  exitCode = EXIT.ok;
  return c;
}
