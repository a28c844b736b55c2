import type { ApiCall } from '../core/remediation.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import { wrapHanging } from '../output/text-layout.js';

/*
 * The text of `remediate`: each API call on one line when it fits the width, otherwise wrapped
 * with its continuation lines indented under the call, breaking the JSON of its parameters after
 * `,` `:` `/` and the like (never inside a value that has none: that is cut at the width). The
 * parameters stay complete: a dry run shows exactly what would be sent.
 */

/** One call: `ec2:RevokeSecurityGroupIngress {"GroupId":...}  # why`, wrapped to `width`. */
export function callText(call: ApiCall, indent: string, width: number): string[] {
  const why = call.why ? `  # ${sanitizeInline(call.why)}` : '';
  return wrapHanging(`${indent}${call.action} ${terminalJson(call.params)}${why}`, width, 4);
}

export function callLines(calls: readonly ApiCall[], indent: string, width: number): string[] {
  return calls.flatMap((c) => callText(c, indent, width));
}

/** A line of free text (a reference, a note) wrapped to `width`, continuation lines indented. */
export function textLines(line: string, width: number, hang = 4): string[] {
  return wrapHanging(sanitizeInline(line), width, hang);
}
