import type { AnyCheck } from './check.js';
import { globToRegExp } from './glob.js';

/** What selection needs of a framework (src/frameworks/ gives the full shape): which checks it maps. */
export interface FrameworkChecks {
  id: string;
  requirements: readonly { checks?: readonly string[] }[];
}

export interface SelectionInput {
  all: AnyCheck[];
  frameworks: readonly FrameworkChecks[];
  /** ids or globs ("aws.iam.*"); empty/undefined = no restriction */
  checks?: string[];
  exclude?: string[];
  /** framework ids: restrict to the checks they map */
  frameworkIds?: string[];
  /** ids disabled in the config */
  disabled?: Set<string>;
  /** ids the config enables explicitly: the opt-in checks among them are selected */
  enabled?: Set<string>;
}

/** Returns the selected checks; throws naming every unknown check or framework. */
export function selectChecks(input: SelectionInput): AnyCheck[] {
  const problems: string[] = [];
  const match = (patterns: string[], what: string) => {
    const ids = new Set<string>();
    for (const p of patterns) {
      const re = globToRegExp(p);
      const hit = input.all.filter((c) => re.test(c.id));
      if (hit.length === 0) problems.push(`unknown ${what} "${p}" (see \`cloudward checks list\`)`);
      for (const c of hit) ids.add(c.id);
    }
    return ids;
  };
  let selected = input.all;
  if (input.checks?.length) {
    const ids = match(input.checks, 'check');
    selected = selected.filter((c) => ids.has(c.id));
  } else {
    // an opt-in check runs only when asked for: named in the selection or enabled in the config
    selected = selected.filter((c) => !c.opt_in || input.enabled?.has(c.id));
  }
  if (input.frameworkIds?.length) {
    const ids = new Set<string>();
    for (const f of input.frameworkIds) {
      const fw = input.frameworks.find((x) => x.id === f);
      if (!fw) problems.push(`unknown framework "${f}" (see \`cloudward frameworks list\`)`);
      for (const r of fw?.requirements ?? []) for (const c of r.checks ?? []) ids.add(c);
    }
    // an opt-in check still here was asked for by name or config: no framework maps imports
    selected = selected.filter((c) => ids.has(c.id) || c.opt_in);
  }
  if (input.exclude?.length) {
    const ids = match(input.exclude, 'check');
    selected = selected.filter((c) => !ids.has(c.id));
  }
  if (input.disabled) selected = selected.filter((c) => !input.disabled?.has(c.id));
  if (problems.length) throw new Error(problems.join('\n'));
  return selected;
}
