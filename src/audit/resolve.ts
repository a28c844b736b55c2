import { ALL_CHECKS } from '../checks/index.js';
import type { Config, ProviderConfig } from '../config/schema.js';
import { type AnyCheck, resolveParams } from '../core/check.js';
import { selectChecks } from '../core/selection.js';
import { complianceIndex, type Framework } from '../frameworks/framework.js';

/** An audit ready to run: its checks with their parameters, and where its alerts go. */
export interface ResolvedAudit {
  key: string;
  checks: AnyCheck[];
  /** resolved parameters per check id */
  params: Map<string, unknown>;
  /** check id -> compliance references */
  compliance: Map<string, string[]>;
  /** the notifiers its alerts go to (audits.<key>.notify) */
  notify: string[];
}

export interface CheckSelection {
  /** ids or globs; undefined: every check */
  checks?: string[] | undefined;
  exclude?: string[] | undefined;
  frameworkIds?: string[] | undefined;
}

/**
 * The checks an audit runs, as `scan` and `watch` both select them: the selection given, less
 * the checks the config disables, each with its parameters resolved from the config. Throws
 * naming every unknown check or framework and every bad parameter.
 */
export function resolveAudit(
  key: string,
  config: Pick<Config, 'checks' | 'audits'>,
  frameworks: Framework[],
  selection: CheckSelection,
): ResolvedAudit {
  const disabled = new Set(
    Object.entries(config.checks)
      .filter(([, c]) => !c.enabled)
      .map(([id]) => id),
  );
  const enabled = new Set(
    Object.entries(config.checks)
      .filter(([, c]) => c.enabled)
      .map(([id]) => id),
  );
  const checks = selectChecks({
    all: ALL_CHECKS,
    frameworks,
    checks: selection.checks,
    exclude: selection.exclude,
    frameworkIds: selection.frameworkIds,
    disabled,
    enabled,
  });
  const params = new Map(checks.map((c) => [c.id, resolveParams(c, config.checks[c.id]?.params)]));
  return {
    key,
    checks,
    params,
    compliance: complianceIndex(frameworks),
    notify: config.audits[key]?.notify ?? [],
  };
}

/** The providers an audit of the config names, with a problem for each the config lacks. */
export function auditProviders(
  key: string,
  config: Pick<Config, 'audits' | 'providers'>,
): { providers: { name: string; config: ProviderConfig }[]; problems: string[] } {
  const providers: { name: string; config: ProviderConfig }[] = [];
  const problems: string[] = [];
  for (const p of config.audits[key]?.providers ?? []) {
    const pc = config.providers[p];
    if (!pc) problems.push(`audits.${key}.providers: unknown provider "${p}"`);
    else providers.push({ name: p, config: pc });
  }
  return { providers, problems };
}
