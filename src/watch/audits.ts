import { auditProviders, type CheckSelection, type ResolvedAudit, resolveAudit } from '../audit/resolve.js';
import type { Config, ProviderConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { Provider } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import type { Framework } from '../frameworks/framework.js';
import type { SharedBudget } from '../providers/aws/limiter.js';
import { createProvider } from '../providers/factory.js';
import type { AwsRecollectorDeps } from './aws-collect-one.js';
import { ProviderRecollector, type Recollector } from './recollect.js';
import { parseSchedule } from './scheduler.js';
import { TriggerIndex } from './trigger-index.js';

/** An audit of the config that the service runs on its schedule and keeps current between runs. */
export interface WatchedAudit extends ResolvedAudit {
  schedule: string;
  store?: string;
  index: TriggerIndex;
  providers: { name: string; config: ProviderConfig }[];
  /** how its checks are selected: a distributed scan's workers resolve them again from it */
  selection: CheckSelection;
}

/**
 * The audits with a `schedule`, each resolved as `cloudward scan --audit` resolves it, with its
 * trigger index. Every problem is reported at once, naming the audit.
 */
export function watchedAudits(config: Config, frameworks: Framework[]): WatchedAudit[] {
  const problems: string[] = [];
  const out: WatchedAudit[] = [];
  for (const [key, a] of Object.entries(config.audits)) {
    if (!a.schedule) continue;
    try {
      parseSchedule(a.schedule, `audits.${key}.schedule`);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    const { providers, problems: missing } = auditProviders(key, config);
    problems.push(...missing);
    if (a.store && !config.stores[a.store]) problems.push(`audits.${key}.store: unknown store "${a.store}"`);
    for (const n of a.notify)
      if (!config.notifiers[n]) problems.push(`audits.${key}.notify: unknown notifier "${n}"`);
    let resolved: ResolvedAudit;
    const selection: CheckSelection = {
      checks: a.checks,
      exclude: a.exclude_checks,
      frameworkIds: a.frameworks,
    };
    try {
      resolved = resolveAudit(key, config, frameworks, selection);
    } catch (e) {
      problems.push(`audits.${key}: ${(e as Error).message}`);
      continue;
    }
    if (resolved.checks.length === 0) {
      problems.push(`audits.${key}: no check is selected`);
      continue;
    }
    out.push({
      ...resolved,
      schedule: a.schedule,
      ...(a.store ? { store: a.store } : {}),
      index: new TriggerIndex(resolved.checks),
      providers,
      selection,
    });
  }
  if (problems.length > 0) throw new Error(`invalid audits for watch:\n  ${problems.join('\n  ')}`);
  return out;
}

/** The clouds a provider can answer for: a live provider its own, a snapshot any it holds. */
export function providerClouds(pc: ProviderConfig): CloudType[] | 'any' {
  return pc.type === 'aws' || pc.type === 'azure' || pc.type === 'gcp' ? [pc.type] : 'any';
}

export interface RecollectorOptions {
  logger: Logger;
  /** test seams for the AWS recollector */
  aws?: AwsRecollectorDeps;
}

/** A recollector per provider of an audit: AWS, Azure and GCP collect one resource, snapshots are re-read. */
export async function recollectorsFor(audit: WatchedAudit, o: RecollectorOptions): Promise<Recollector[]> {
  const out: Recollector[] = [];
  for (const p of audit.providers) {
    if (p.config.type === 'aws') {
      const provider = await createProvider(p.name, p.config, o.logger);
      const [{ AwsProvider }, { AwsRecollector }] = await Promise.all([
        import('../providers/aws/provider.js'),
        import('./aws-collect-one.js'),
      ]);
      if (provider instanceof AwsProvider) out.push(new AwsRecollector(provider, o.aws ?? {}));
    } else if (p.config.type === 'gcp') {
      const provider = await createProvider(p.name, p.config, o.logger);
      const [{ GcpProvider }, { GcpRecollector }] = await Promise.all([
        import('../providers/gcp/provider.js'),
        import('./gcp-collect-one.js'),
      ]);
      if (provider instanceof GcpProvider) out.push(new GcpRecollector(provider));
    } else if (p.config.type === 'azure') {
      const provider = await createProvider(p.name, p.config, o.logger);
      const [{ AzureProvider }, { AzureRecollector }] = await Promise.all([
        import('../providers/azure/provider.js'),
        import('./azure-collect-one.js'),
      ]);
      if (provider instanceof AzureProvider) out.push(new AzureRecollector(provider));
    } else if (p.config.type === 'demo' || p.config.type === 'snapshot') {
      out.push(new ProviderRecollector(() => createProvider(p.name, p.config, o.logger)));
    }
  }
  return out;
}

/** Fresh providers for a scheduled run (a snapshot file is read again each time). */
export function providersFor(audit: WatchedAudit, logger: Logger): Promise<Provider[]> {
  return Promise.all(audit.providers.map((p) => createProvider(p.name, p.config, logger)));
}

/**
 * The providers of a distributed run, by their config names: the leader plans the units with
 * them, taking its planning reads from the budget the workers share.
 */
export function namedProvidersFor(
  audit: WatchedAudit,
  logger: Logger,
  sharedBudget: SharedBudget | undefined,
): Promise<{ name: string; config: ProviderConfig; provider: Provider }[]> {
  return Promise.all(
    audit.providers.map(async (p) => ({
      ...p,
      provider: await createProvider(p.name, p.config, logger, sharedBudget ? { sharedBudget } : {}),
    })),
  );
}
