import { configSchema } from '../../src/config/schema.js';
import type { FindingRecord } from '../../src/core/record.js';
import { grantRemediation } from '../../src/providers/aws/write-clients.js';
import { ActionGuard } from '../../src/respond/guard.js';
import { Remediator } from '../../src/respond/remediator.js';
import { sessionOpener } from '../../src/respond/sessions.js';
import type { ActionStore } from '../../src/store/actions.js';
import { ACCESS_KEY, ACCOUNT, REGION } from './fake-aws.js';

export const seams = {
  credentials: async () => ({ accessKeyId: ACCESS_KEY, secretAccessKey: 'fixture-secret-not-real' }),
  homeRegion: REGION,
};

export function respondConfig(respond: Record<string, unknown> = {}, provider: Record<string, unknown> = {}) {
  return configSchema.parse({
    providers: { prod: { type: 'aws', regions: [REGION], max_attempts: 1, ...provider } },
    respond: { allow: { accounts: [ACCOUNT] }, ...respond },
  });
}

/** A live finding as the store gives it back. */
export function finding(o: {
  check: string;
  reference: string;
  type: string;
  name?: string;
  region?: string;
  id?: string;
}): FindingRecord {
  return {
    raw: { evidence: null },
    ext: { record_type: 'finding', check_id: o.check, check_title: o.check, resource_record_type: o.type },
    com: {
      cloud_type: 'aws',
      record_type: 'finding',
      reference: o.reference,
      name: o.name ?? o.reference,
      account: ACCOUNT,
      region: o.region ?? REGION,
      service: 'ec2',
      tags: {},
      audit_key: 'prod',
      audit_version: '20260101T000000Z',
      origin_key: o.check,
      origin_class: 'check',
      origin_worker: 'test',
      origin_type: 'check',
      description: 'test finding',
      recommendation: 'fix it',
      severity: 'high',
      status: 'fail',
      compliance: [],
      finding_id: o.id ?? 'ab12cd34ef56ab78',
      state: 'new',
      first_seen: '2026-01-01T00:00:00Z',
      last_seen: '2026-01-01T00:00:00Z',
    },
  } as unknown as FindingRecord;
}

/** A remediator over the fake endpoint; `write: false` builds it as a dry run does (no grant). */
export function remediator(
  store: ActionStore,
  o: {
    write?: boolean;
    respond?: Record<string, unknown>;
    /** more settings of the aws provider that acts (an organization role) */
    provider?: Record<string, unknown>;
    owner?: string;
    alive?: boolean;
  } = {},
) {
  const config = respondConfig(o.respond, o.provider);
  const grant =
    o.write === false ? undefined : grantRemediation({ respondConfigured: true, applyRequested: false });
  const respond = config.respond;
  return new Remediator({
    store,
    open: sessionOpener(config, grant, seams),
    guard: new ActionGuard(respond ? { allow: respond.allow, deny: respond.deny } : undefined),
    ...(o.owner ? { owner: o.owner } : {}),
    ...(o.alive !== undefined ? { ownerAlive: () => o.alive as boolean } : {}),
  });
}

export const sgRule = (group: string, port: number, cidr = '0.0.0.0/0') =>
  `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${group}#inbound/tcp:${port}/${cidr}`;
