/**
 * A principal's first use of a sensitive API: an identity that has called AWS for a week without
 * ever creating access keys, reading secrets or changing policies, and now does. One event says
 * nothing; the principal's own history does.
 *
 * Baseline: what each principal called successfully in the last 90 days (BASELINE_MS, event
 * time). False-positive controls: a principal first seen less than 7 days before (LEARNING_MS)
 * is still learning and raises nothing; failed calls and calls AWS services make for a principal
 * are left out; an assumed-role session counts as its role (sessions come and go); each
 * principal and API raise at most one detection per baseline window.
 */
import type { FindingRecord } from '../../core/record.js';
import { statefulDetection } from '../detection-record.js';
import type { RuleMeta } from '../sigma/types.js';
import type { StatefulFacts } from './facts.js';
import { type DetectionStateStore, StateCache } from './state.js';

export const BASELINE_MS = 90 * 86_400_000;
export const LEARNING_MS = 7 * 86_400_000;
/** how stale a principal's "last seen" may get before it is written again */
const SEEN_REFRESH_MS = 86_400_000;

/**
 * Calls that hand out or widen access, read secrets or blind the defenders (the APIs' own names).
 * Routine to the few principals that administer them, new for everyone else.
 */
export const SENSITIVE_APIS = new Set([
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateUser',
  'iam:AttachUserPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  'iam:DeactivateMFADevice',
  'sts:GetFederationToken',
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ec2:GetPasswordData',
  'ec2:CreateKeyPair',
  'ec2:ImportKeyPair',
  'ec2:ModifySnapshotAttribute',
  'ec2:ModifyImageAttribute',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  'lambda:UpdateFunctionCode20150331v2',
  'lambda:AddPermission20150331v2',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'guardduty:DeleteDetector',
  'organizations:LeaveOrganization',
]);

export const FIRST_USE_RULE: RuleMeta = {
  file: '(built in: src/detect/stateful/first-use.ts)',
  document: 0,
  id: 'cloudward.stateful.first_sensitive_api',
  title: 'First use of a sensitive API by a principal',
  status: 'experimental',
  level: 'medium',
  description:
    'A principal seen for at least a week called a sensitive API (access keys, login profiles, policies, secrets, key material, trail and detector settings) it had not called in the last 90 days. Confirm with its owner that the change was intended; if not, treat its credentials as stolen.',
  author: 'Cloudward',
  references: ['https://attack.mitre.org/techniques/T1078/004/'],
  tags: ['attack.privilege-escalation', 'attack.persistence', 'attack.t1078.004', 'attack.t1098'],
  falsepositives: ['A new duty for an existing identity (an administrator starting to manage keys)'],
  fields: [],
};

interface Seen {
  first_ms: number;
  last_ms: number;
}

export class FirstSensitiveApi {
  private readonly principals: StateCache<Seen>;
  private readonly used: StateCache<Seen>;

  constructor(store: DetectionStateStore) {
    this.principals = new StateCache(store, 'principal_seen');
    this.used = new StateCache(store, 'sensitive_api_used');
  }

  async observe(f: StatefulFacts): Promise<FindingRecord | null> {
    if (!f.principal || f.by_service || f.outcome === 'failure') return null;
    const t = Date.parse(f.time);
    const key = `${f.account}\u001f${f.principal}`;
    const seen = await this.principals.get(key, t);
    const first = seen ? Math.min(seen.first_ms, t) : t;
    if (!seen || t - seen.last_ms >= SEEN_REFRESH_MS || t < seen.first_ms)
      await this.principals.set(
        key,
        { first_ms: first, last_ms: Math.max(seen?.last_ms ?? t, t) },
        t + BASELINE_MS,
      );
    if (!SENSITIVE_APIS.has(f.api)) return null;
    const useKey = `${key}\u001f${f.api}`;
    const before = await this.used.get(useKey, t);
    await this.used.set(
      useKey,
      { first_ms: Math.min(before?.first_ms ?? t, t), last_ms: Math.max(before?.last_ms ?? t, t) },
      Math.max(before?.last_ms ?? t, t) + BASELINE_MS,
    );
    if (before || t - first < LEARNING_MS) return null;
    return statefulDetection(FIRST_USE_RULE, f, `${f.api} by ${f.principal}, first time in 90 days`, {
      kind: 'first_sensitive_api',
      principal: f.principal,
      api: f.api,
      principal_first_seen: new Date(first).toISOString(),
      baseline_days: BASELINE_MS / 86_400_000,
    });
  }

  async flush(): Promise<void> {
    await this.principals.flush();
    await this.used.flush();
  }
}
