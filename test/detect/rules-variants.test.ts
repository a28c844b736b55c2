/**
 * Rules never depend on a field being present unless they are about that field. Every `match` case of
 * every rule is replayed in the shapes real logs take: optional fields left out or null, the other
 * identity types (assumed role, federated user, IAM user without session context, root, another
 * account), IPv6 and anonymised or service caller addresses, and the failed call. A rule must still
 * fire on each, except that the failed call fires only for rules tagged `cloudward.failed_calls.detected`;
 * rules tagged `cloudward.failed_calls.ignored` must stay quiet on it. Variants that change a field the
 * rule reads are skipped: a rule about root use is allowed to care who the caller is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadDetectionRules } from '../../src/detect/detector.js';
import type { CompiledRule } from '../../src/detect/sigma/types.js';
import { fires, readTests, ruleFiles, type TestCase, type TestEvent } from './pack-helpers.js';

type Obj = Record<string, unknown>;
type Mutate = (e: Obj) => void;
interface Variant {
  name: string;
  /** fields the variant changes: skipped when the rule reads one of them (prefix match) */
  touches: string[];
  mutate: Mutate;
}

const FAILED_DETECTED = 'cloudward.failed_calls.detected';
const FAILED_IGNORED = 'cloudward.failed_calls.ignored';

const loaded = await loadDetectionRules();
const byName = new Map(loaded.rules.filter((r) => r.meta.name).map((r) => [r.meta.name!, r]));

/** Field names a rule document reads: detection keys, fieldref targets, correlation fields. */
function fieldsOf(doc: Obj, out: Set<string>): void {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Obj)) {
        const [field, ...mods] = k.split('|');
        if (field) out.add(field);
        if (mods.includes('fieldref')) for (const t of [x].flat()) out.add(String(t));
        walk(x);
      }
    }
  };
  const detection = (doc.detection ?? {}) as Obj;
  for (const [k, v] of Object.entries(detection)) if (k !== 'condition' && k !== 'timeframe') walk(v);
  const corr = doc.correlation as Obj | undefined;
  if (corr) {
    for (const g of [corr['group-by'] ?? []].flat()) out.add(String(g));
    const cond = corr.condition as Obj | undefined;
    for (const f of [cond?.field ?? []].flat()) out.add(String(f));
    for (const name of [corr.rules ?? []].flat()) {
      const base = byName.get(String(name));
      if (base) for (const f of readFields(base)) out.add(f);
    }
  }
}

function readFields(rule: CompiledRule): Set<string> {
  const docs = parseAllDocuments(readFileSync(rule.meta.file, 'utf8'));
  const doc = docs[rule.meta.document]?.toJSON() as Obj;
  const out = new Set<string>();
  fieldsOf(doc, out);
  return out;
}

const reads = (fields: Set<string>, touched: string[]) =>
  touched.some((t) => [...fields].some((f) => f === t || f.startsWith(`${t}.`) || t.startsWith(`${f}.`)));

function del(e: Obj, path: string): void {
  const parts = path.split('.');
  let node: unknown = e;
  for (const p of parts.slice(0, -1)) {
    if (!node || typeof node !== 'object') return;
    node = (node as Obj)[p];
  }
  if (node && typeof node === 'object') delete (node as Obj)[parts.at(-1)!];
}

const ACCOUNT = '111122223333';
const identities: Record<string, Obj> = {
  AssumedRole: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEROLE000001:deploy-session',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/deploy-session`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEKEY000001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLE000001',
        arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
        accountId: ACCOUNT,
        userName: 'Deployer',
      },
      attributes: { creationDate: '2026-05-04T08:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  FederatedUser: {
    type: 'FederatedUser',
    principalId: `${ACCOUNT}:contractor`,
    arn: `arn:aws:sts::${ACCOUNT}:federated-user/contractor`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEKEY000002',
    sessionContext: {
      sessionIssuer: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEISSUER0001',
        arn: `arn:aws:iam::${ACCOUNT}:user/broker`,
        accountId: ACCOUNT,
        userName: 'broker',
      },
      attributes: { creationDate: '2026-05-04T08:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  IAMUserWithoutSession: {
    type: 'IAMUser',
    principalId: 'AIDAEXAMPLEOPERATOR01',
    arn: `arn:aws:iam::${ACCOUNT}:user/operator`,
    accountId: ACCOUNT,
    userName: 'operator',
  },
  CrossAccountRole: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEOTHER00001:tooling',
    arn: 'arn:aws:sts::444455556666:assumed-role/Tooling/tooling',
    accountId: '444455556666',
  },
};

const AWS_VARIANTS: Variant[] = [
  {
    name: 'errorCode null',
    touches: [],
    mutate: (e) => {
      if (e.errorCode === undefined) e.errorCode = null;
    },
  },
  {
    name: 'errorCode empty',
    touches: [],
    mutate: (e) => {
      if (e.errorCode === undefined) e.errorCode = '';
    },
  },
  {
    name: 'IPv6 caller',
    touches: ['sourceIPAddress'],
    mutate: (e) => {
      e.sourceIPAddress = '2001:db8:85a3::8a2e:370:7334';
    },
  },
  {
    name: 'service caller',
    touches: ['sourceIPAddress'],
    mutate: (e) => {
      e.sourceIPAddress = 'AWS Internal';
    },
  },
  {
    name: 'anonymised caller',
    touches: ['sourceIPAddress'],
    mutate: (e) => {
      e.sourceIPAddress = '203.0.113.xxx';
    },
  },
  { name: 'no caller address', touches: ['sourceIPAddress'], mutate: (e) => del(e, 'sourceIPAddress') },
  ...Object.entries(identities).map(
    ([name, identity]): Variant => ({
      name: `${name} identity`,
      touches: ['userIdentity'],
      mutate: (e) => {
        e.userIdentity = structuredClone(identity);
      },
    }),
  ),
  {
    name: 'optional envelope fields left out',
    touches: [
      'userAgent',
      'tlsDetails',
      'requestID',
      'additionalEventData',
      'vpcEndpointId',
      'resources',
      'readOnly',
      'managementEvent',
      'eventCategory',
      'apiVersion',
      'sharedEventID',
      'sessionCredentialFromConsole',
      'userIdentity.sessionContext',
      'userIdentity.accessKeyId',
      'userIdentity.invokedBy',
    ],
    mutate: (e) => {
      for (const f of [
        'userAgent',
        'tlsDetails',
        'requestID',
        'additionalEventData',
        'vpcEndpointId',
        'resources',
        'readOnly',
        'managementEvent',
        'eventCategory',
        'apiVersion',
        'sharedEventID',
        'sessionCredentialFromConsole',
        'userIdentity.sessionContext',
        'userIdentity.accessKeyId',
      ])
        del(e, f);
    },
  },
];
const AWS_FAILED: Mutate = (e) => {
  e.errorCode = 'AccessDenied';
  e.errorMessage = 'User is not authorized to perform this operation';
  e.responseElements = null;
};

const AZURE_VARIANTS: Variant[] = [
  {
    name: 'IPv6 caller',
    touches: ['callerIpAddress'],
    mutate: (e) => {
      e.callerIpAddress = '2001:db8::7';
    },
  },
  {
    name: 'no caller address',
    touches: ['callerIpAddress', 'httpRequest'],
    mutate: (e) => {
      del(e, 'callerIpAddress');
      del(e, 'httpRequest');
    },
  },
  {
    name: 'no claims',
    touches: ['identity', 'caller', 'claims'],
    mutate: (e) => {
      del(e, 'identity.claims');
      del(e, 'claims');
    },
  },
];
const AZURE_FAILED: Mutate = (e) => {
  if (e.statusText !== undefined) {
    // a storage resource log (StorageBlobLogs): the outcome is the status text
    e.statusText = 'AuthorizationPermissionMismatch';
    e.statusCode = 403;
    return;
  }
  if (e.resultType !== undefined || e.status === undefined) e.resultType = 'Failure';
  if (e.status !== undefined) e.status = { value: 'Failed', localizedValue: 'Failed' };
  const p = e.properties as Obj | undefined;
  if (p) p.statusCode = 'Forbidden';
};

const gcpMeta = (e: Obj): Obj => ((e.protoPayload as Obj | undefined)?.requestMetadata ?? {}) as Obj;
const GCP_VARIANTS: Variant[] = [
  {
    name: 'IPv6 caller',
    touches: ['protoPayload.requestMetadata.callerIp'],
    mutate: (e) => {
      gcpMeta(e).callerIp = '2001:db8:1::5';
    },
  },
  {
    name: 'private caller',
    touches: ['protoPayload.requestMetadata.callerIp'],
    mutate: (e) => {
      gcpMeta(e).callerIp = 'private';
    },
  },
  {
    name: 'no request metadata',
    touches: ['protoPayload.requestMetadata'],
    mutate: (e) => del(e, 'protoPayload.requestMetadata'),
  },
  {
    name: 'service account caller',
    touches: ['protoPayload.authenticationInfo'],
    mutate: (e) => {
      const p = e.protoPayload as Obj;
      p.authenticationInfo = { principalEmail: 'deployer@proj-1.iam.gserviceaccount.com' };
    },
  },
];
const GCP_FAILED: Mutate = (e) => {
  const p = e.protoPayload as Obj;
  p.status = { code: 7, message: 'PERMISSION_DENIED' };
  e.severity = 'ERROR';
};

const props = (e: Obj): Obj => ((e.properties as Obj | undefined) ?? e) as Obj;
const ENTRA_VARIANTS: Variant[] = [
  {
    name: 'IPv6 caller',
    touches: ['ipAddress', 'callerIpAddress', 'initiatedBy.user.ipAddress'],
    mutate: (e) => {
      if (e.callerIpAddress !== undefined) e.callerIpAddress = '2001:db8::9';
      const p = props(e);
      if (p.ipAddress !== undefined) p.ipAddress = '2001:db8::9';
      const user = (p.initiatedBy as Obj | undefined)?.user as Obj | undefined;
      if (user?.ipAddress !== undefined) user.ipAddress = '2001:db8::9';
    },
  },
  {
    name: 'no user agent or device details',
    touches: ['userAgent', 'deviceDetail', 'additionalDetails'],
    mutate: (e) => {
      const p = props(e);
      delete p.userAgent;
      delete p.deviceDetail;
      delete p.additionalDetails;
    },
  },
];
const ENTRA_FAILED: Mutate = (e) => {
  const p = props(e);
  if (p.activityDisplayName !== undefined || p.initiatedBy !== undefined || e.category === 'AuditLogs') {
    p.result = 'failure';
    p.resultReason = 'Insufficient privileges to complete the operation.';
    if (e.result !== undefined) e.result = 'failure';
    return;
  }
  // a sign-in: one that succeeded fails on a wrong password instead; failed ones stay as they are
  const status = (p.status ?? {}) as Obj;
  if (status.errorCode === undefined || String(status.errorCode) === '0') {
    p.status = {
      errorCode: 50126,
      failureReason: 'Error validating credentials due to invalid username or password.',
    };
    if (e.resultType !== undefined) e.resultType = '50126';
  }
};

const CLOUDS: Record<string, { variants: Variant[]; failed: Mutate } | undefined> = {
  aws: { variants: AWS_VARIANTS, failed: AWS_FAILED },
  azure: { variants: AZURE_VARIANTS, failed: AZURE_FAILED },
  gcp: { variants: GCP_VARIANTS, failed: GCP_FAILED },
  entra: { variants: ENTRA_VARIANTS, failed: ENTRA_FAILED },
};

function variantOf(c: TestCase, mutate: Mutate): TestCase {
  const apply = (e: TestEvent): TestEvent => {
    if (typeof e === 'string') return e;
    const copy = structuredClone(e);
    mutate(copy);
    return copy;
  };
  return Array.isArray(c) ? c.map(apply) : apply(c);
}

const cases = ruleFiles.filter((f) => CLOUDS[f.folder]);

describe.each(cases)('variants of $file', ({ folder, file, testsFile }) => {
  const rule = loaded.rules.find((r) => r.meta.file === file);
  const tests = readTests(testsFile);
  if (!rule || !tests) return;
  const cloud = CLOUDS[folder]!;
  const fields = readFields(rule);
  const tags = rule.meta.tags;

  it('says whether failed calls count', () => {
    expect(
      tags.filter((t) => t === FAILED_DETECTED || t === FAILED_IGNORED),
      `${file}: tag ${FAILED_DETECTED} or ${FAILED_IGNORED}`,
    ).toHaveLength(1);
  });

  const applicable = cloud.variants.filter((v) => !reads(fields, v.touches));
  const matrix = tests.match.flatMap((c, i) => applicable.map((v) => ({ c, i, v })));
  it.each(matrix.map(({ c, i, v }) => ({ c, i, name: v.name, mutate: v.mutate })))(
    'fires on match case $i with $name',
    ({ c, mutate }) => {
      expect(fires(loaded.rules, rule, folder, variantOf(c, mutate), testsFile)).toBe(true);
    },
  );

  const failedCounts = tags.includes(FAILED_DETECTED);
  it.each(tests.match.map((c, i) => ({ c, i })))(
    `${failedCounts ? 'fires' : 'stays quiet'} on match case $i as a failed call`,
    ({ c }) => {
      expect(fires(loaded.rules, rule, folder, variantOf(c, cloud.failed), testsFile)).toBe(failedCounts);
    },
  );
});
