import { z } from 'zod';
import { defineNormaliser, type ScopeRef } from '../../../core/provider.js';
import type { ResourceRecord } from '../../../core/record.js';
import { isSeverity, type Severity } from '../../../core/severity.js';
import { buildRecord, num, obj, records, requireItem, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import {
  ACCESS_ANALYZER_SAME_AS,
  cisRuleSameAs,
  GUARDDUTY_SAME_AS,
  relatedRequirementSameAs,
} from '../detector-same-as.js';
import { awsArn } from './aws-common.js';

/**
 * The findings of AWS's own detectors as `imported_finding` records: one per detector finding,
 * its reference the detector's id, with what an import check needs in ext: the affected resource
 * under the reference Cloudward's own records give it (so a Cloudward finding on the same resource
 * can absorb it), the severity mapped to Cloudward's, title, description, the fix, and the
 * Cloudward requirements that are the same problem (`same_as`).
 */

interface Imported {
  id: string;
  type: string;
  title: string;
  description: string;
  severity: Severity;
  source_severity: string | null;
  resource: { reference: string; name: string; type: string };
  recommendation: string | null;
  same_as: string[];
  first_seen: string | null;
  last_seen: string | null;
}

type Scope = ScopeRef;

function importedRecord(
  type: string,
  service: string,
  raw: Record<string, unknown>,
  scope: Scope,
  f: Imported,
): ResourceRecord {
  return buildRecord({
    raw,
    scope,
    origin: type,
    extType: type,
    recordType: 'imported_finding',
    reference: f.id,
    name: f.title,
    service,
    ext: {
      source_id: f.id,
      finding_type: f.type,
      title: f.title,
      description: f.description,
      severity: f.severity,
      source_severity: f.source_severity,
      resource_reference: f.resource.reference,
      resource_name: f.resource.name,
      resource_type: f.resource.type,
      recommendation: f.recommendation,
      same_as: f.same_as,
      first_seen: f.first_seen,
      last_seen: f.last_seen,
    },
    shape: {},
  });
}

/** A label (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED) as a Cloudward severity. */
export function severityOfLabel(label: string | null): Severity {
  const l = (label ?? '').toLowerCase();
  if (l === 'informational' || l === 'untriaged' || l === '') return 'info';
  return isSeverity(l) ? l : 'info';
}

/** Security Hub's Normalized 0-100 score, in the bands Security Hub gives its labels. */
export function severityOfNormalized(score: number | null): Severity {
  if (score === null || score < 1) return 'info';
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}

/** GuardDuty's 1-10 score as a Cloudward severity (GuardDuty's own bands, 9+ critical). */
export function severityOfGuardDuty(score: number | null): Severity {
  if (score === null) return 'info';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 1) return 'low';
  return 'info';
}

const dateText = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : str(v));

// ---- GuardDuty (GetFindings; the SDK's names) ----

const GUARDDUTY = 'aws.guardduty.finding';

const GD_RAW = S.raw({
  item: S.obj({
    Id: S.str,
    Arn: S.str,
    Type: S.str,
    Title: S.str,
    Description: S.str,
    Severity: S.num,
    CreatedAt: S.str,
    UpdatedAt: S.str,
    Resource: S.obj({ ResourceType: S.str }),
  }),
});

/** The resource a GuardDuty finding is about, as Cloudward names it; the finding itself when none. */
function guardDutyResource(item: Record<string, unknown>, scope: Scope, arn: string) {
  const r = obj(item.Resource);
  const kind = str(r.ResourceType) ?? 'Unknown';
  const p = scope.partition ?? 'aws';
  const bucket = records(r.S3BucketDetails)[0];
  // an S3 finding is about its bucket, also when the resource type names the caller's key
  if (bucket && str(bucket.Name) && (kind === 'S3Bucket' || /^[^:]+:S3\//.test(str(item.Type) ?? '')))
    return {
      reference: str(bucket.Arn) ?? `arn:${p}:s3:::${str(bucket.Name)}`,
      name: str(bucket.Name) as string,
      type: 'aws.s3.bucket',
    };
  const instance = str(obj(r.InstanceDetails).InstanceId);
  if (instance)
    return {
      reference: awsArn('ec2', scope.region, scope.account, `instance/${instance}`, p),
      name: instance,
      type: 'aws.ec2.instance',
    };
  const key = obj(r.AccessKeyDetails);
  const user = str(key.UserName);
  if (user && str(key.UserType) === 'IAMUser')
    return { reference: `arn:${p}:iam::${scope.account}:user/${user}`, name: user, type: 'aws.iam.user' };
  if (user && str(key.UserType) === 'AssumedRole')
    return { reference: `arn:${p}:iam::${scope.account}:role/${user}`, name: user, type: 'aws.iam.role' };
  if (str(key.UserType) === 'Root')
    return {
      reference: `arn:${p}:iam::${scope.account}:root`,
      name: 'root',
      type: 'aws.iam.account_summary',
    };
  if (bucket && str(bucket.Name))
    return {
      reference: str(bucket.Arn) ?? `arn:${p}:s3:::${str(bucket.Name)}`,
      name: str(bucket.Name) as string,
      type: 'aws.s3.bucket',
    };
  for (const [k, nameKey, arnKey, type] of [
    ['EksClusterDetails', 'Name', 'Arn', 'aws.eks.cluster'],
    ['LambdaDetails', 'FunctionName', 'FunctionArn', 'aws.lambda.function'],
    ['RdsDbInstanceDetails', 'DbInstanceIdentifier', 'DbInstanceArn', 'aws.rds.db_instance'],
    ['EcsClusterDetails', 'Name', 'Arn', 'aws.ecs.cluster'],
  ] as const) {
    const d = obj(r[k]);
    const ref = str(d[arnKey]);
    if (ref) return { reference: ref, name: str(d[nameKey]) ?? ref, type };
  }
  return { reference: arn, name: `GuardDuty ${kind}`, type: GUARDDUTY };
}

export const guardDutyFindingNormaliser = defineNormaliser({
  type: GUARDDUTY,
  cloud: 'aws',
  service: 'guardduty',
  produces: [GUARDDUTY],
  raw: GD_RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, GUARDDUTY);
    const id = str(item.Arn) ?? str(item.Id);
    if (!id) throw new Error(`${GUARDDUTY}: missing required field item.Arn`);
    const score = num(item.Severity);
    const service = obj(item.Service);
    return [
      importedRecord(GUARDDUTY, 'guardduty', raw, scope, {
        id,
        type: str(item.Type) ?? 'unknown',
        title: str(item.Title) ?? str(item.Type) ?? id,
        description: str(item.Description) ?? '',
        severity: severityOfGuardDuty(score),
        source_severity: score === null ? null : String(score),
        resource: guardDutyResource(item, scope, id),
        recommendation: null,
        same_as: [...(GUARDDUTY_SAME_AS[str(item.Type) ?? ''] ?? [])],
        first_seen: str(service.EventFirstSeen) ?? str(item.CreatedAt),
        last_seen: str(service.EventLastSeen) ?? str(item.UpdatedAt),
      }),
    ];
  },
});

// ---- Security Hub (GetFindings: ASFF) ----

const SECURITYHUB = 'aws.securityhub.finding';

const SH_RAW = S.raw({
  item: S.obj({
    Id: S.str,
    ProductArn: S.str,
    ProductName: S.str,
    Title: S.str,
    Description: S.str,
    Types: S.strs,
    Severity: S.obj({ Label: S.str, Normalized: S.num }),
    Resources: S.list(z.looseObject({ Id: S.str, Type: S.str })),
    Compliance: S.obj({ Status: S.str, SecurityControlId: S.str, RelatedRequirements: S.strs }),
    ProductFields: S.strMap,
    Remediation: S.obj({ Recommendation: S.obj({ Text: S.str, Url: S.str }) }),
  }),
});

/**
 * The requirements a Security Hub finding is: a control is the FSBP requirement of the same id
 * (AWS's consolidated control ids), with the CIS ones Security Hub relates it to; a finding of
 * the per-standard CIS v1.2.0 ruleset names its rule.
 */
function securityHubSameAs(item: Record<string, unknown>, control: string | null): string[] {
  const fields = obj(item.ProductFields);
  return [
    ...new Set([
      ...(control ? [`aws-fsbp:${control}`] : []),
      ...strings(obj(item.Compliance).RelatedRequirements).flatMap(relatedRequirementSameAs),
      ...cisRuleSameAs(str(fields.StandardsGuideArn) ?? str(fields.StandardsArn), str(fields.RuleId)),
    ]),
  ];
}

export const securityHubFindingNormaliser = defineNormaliser({
  type: SECURITYHUB,
  cloud: 'aws',
  service: 'securityhub',
  produces: [SECURITYHUB],
  raw: SH_RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, SECURITYHUB);
    const id = str(item.Id);
    if (!id) throw new Error(`${SECURITYHUB}: missing required field item.Id`);
    const resource = records(item.Resources)[0];
    const ref = str(resource?.Id) ?? id;
    const compliance = obj(item.Compliance);
    const control = str(compliance.SecurityControlId) ?? str(obj(item.ProductFields).ControlId);
    // Label is the current field; older findings carry it in ProductFields, or only Normalized
    const label =
      str(obj(item.Severity).Label) ?? str(obj(item.ProductFields)['aws/securityhub/SeverityLabel']);
    const normalized = num(obj(item.Severity).Normalized);
    const rec = obj(obj(item.Remediation).Recommendation);
    const fix = [str(rec.Text), str(rec.Url)].filter((x): x is string => !!x).join(' ');
    return [
      importedRecord(SECURITYHUB, 'securityhub', raw, scope, {
        id,
        type: control ?? strings(item.Types)[0] ?? 'unknown',
        title: str(item.Title) ?? id,
        description: str(item.Description) ?? '',
        severity: label ? severityOfLabel(label) : severityOfNormalized(normalized),
        source_severity: label ?? (normalized === null ? null : String(normalized)),
        resource: {
          reference: ref,
          name: ref.includes(':') ? (ref.split(/[:/]/).pop() ?? ref) : ref,
          type: str(resource?.Type) ?? 'unknown',
        },
        recommendation: fix || null,
        same_as: securityHubSameAs(item, control),
        first_seen: str(item.FirstObservedAt) ?? str(item.CreatedAt),
        last_seen: str(item.LastObservedAt) ?? str(item.UpdatedAt),
      }),
    ];
  },
});

// ---- Inspector v2 (ListFindings) ----

const INSPECTOR = 'aws.inspector2.finding';

const IN_RAW = S.raw({
  item: S.obj({
    findingArn: S.str,
    type: S.str,
    title: S.str,
    description: S.str,
    severity: S.str,
    resources: S.list(z.looseObject({ id: S.str, type: S.str })),
    remediation: S.obj({ recommendation: S.obj({ text: S.str, Url: S.str }) }),
  }),
});

function inspectorResource(r: Record<string, unknown> | undefined, scope: Scope, fallback: string) {
  const id = str(r?.id) ?? fallback;
  const type = str(r?.type) ?? 'unknown';
  if (type === 'AWS_EC2_INSTANCE' && !id.startsWith('arn:'))
    return {
      reference: awsArn(
        'ec2',
        str(r?.region) ?? scope.region,
        scope.account,
        `instance/${id}`,
        scope.partition,
      ),
      name: id,
      type: 'aws.ec2.instance',
    };
  if (type === 'AWS_LAMBDA_FUNCTION') {
    // a function version's ARN: the finding is about the function
    const fn = id.replace(/^(arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+):.*$/, '$1');
    return { reference: fn, name: fn.split(':').pop() ?? fn, type: 'aws.lambda.function' };
  }
  if (type === 'AWS_ECR_CONTAINER_IMAGE') {
    const repo = id.replace(/^(arn:[^:]+:ecr:[^:]+:\d+:repository\/.+?)\/sha256:.*$/, '$1');
    return { reference: id, name: repo.split('/').slice(1).join('/') || id, type: 'aws.ecr.image' };
  }
  return { reference: id, name: id.split(/[:/]/).pop() ?? id, type };
}

export const inspectorFindingNormaliser = defineNormaliser({
  type: INSPECTOR,
  cloud: 'aws',
  service: 'inspector2',
  produces: [INSPECTOR],
  raw: IN_RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, INSPECTOR);
    const id = str(item.findingArn);
    if (!id) throw new Error(`${INSPECTOR}: missing required field item.findingArn`);
    const rec = obj(obj(item.remediation).recommendation);
    const vuln = str(obj(item.packageVulnerabilityDetails).vulnerabilityId);
    return [
      importedRecord(INSPECTOR, 'inspector2', raw, scope, {
        id,
        type: vuln ?? str(item.type) ?? 'unknown',
        title: str(item.title) ?? id,
        description: str(item.description) ?? '',
        severity: severityOfLabel(str(item.severity)),
        source_severity: str(item.severity),
        resource: inspectorResource(records(item.resources)[0], scope, id),
        recommendation: [str(rec.text), str(rec.Url)].filter(Boolean).join(' ') || null,
        same_as: [],
        first_seen: dateText(item.firstObservedAt),
        last_seen: dateText(item.lastObservedAt),
      }),
    ];
  },
});

// ---- IAM Access Analyzer (ListFindingsV2) ----

const ANALYZER = 'aws.accessanalyzer.finding';

const AA_RAW = S.raw({
  item: S.obj({ id: S.str, resource: S.str, resourceType: S.str, findingType: S.str, analyzerArn: S.str }),
});

/** ListFindingsV2 gives no severity: access from outside the zone of trust is high, unused access low. */
function analyzerSeverity(findingType: string | null): Severity {
  if (findingType === 'ExternalAccess') return 'high';
  if (findingType === 'InternalAccess') return 'medium';
  return 'low';
}

const ANALYZER_TITLES: Record<string, string> = {
  ExternalAccess: 'shared outside the zone of trust',
  InternalAccess: 'reachable by principals inside the organization beyond intended',
  UnusedIAMRole: 'unused IAM role',
  UnusedIAMUserAccessKey: 'unused IAM user access key',
  UnusedIAMUserPassword: 'unused IAM user password',
  UnusedPermission: 'unused permissions',
};

export const accessAnalyzerFindingNormaliser = defineNormaliser({
  type: ANALYZER,
  cloud: 'aws',
  service: 'accessanalyzer',
  produces: [ANALYZER],
  raw: AA_RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, ANALYZER);
    const findingId = str(item.id);
    if (!findingId) throw new Error(`${ANALYZER}: missing required field item.id`);
    const analyzer = str(item.analyzerArn) ?? `analyzer in ${scope.region}`;
    const id = `${analyzer}/finding/${findingId}`;
    const kind = str(item.findingType);
    const resource = str(item.resource) ?? id;
    const resourceType = str(item.resourceType) ?? 'unknown';
    const what = ANALYZER_TITLES[kind ?? ''] ?? kind ?? 'finding';
    return [
      importedRecord(ANALYZER, 'accessanalyzer', raw, scope, {
        id,
        type: kind ?? 'unknown',
        title: `${resourceType} ${what}`,
        description: `IAM Access Analyzer (${kind ?? 'finding'}) on ${resource}`,
        severity: analyzerSeverity(kind),
        source_severity: null,
        resource: { reference: resource, name: resource.split(/[:/]/).pop() || resource, type: resourceType },
        recommendation: null,
        same_as: kind === 'ExternalAccess' ? [...(ACCESS_ANALYZER_SAME_AS[resourceType] ?? [])] : [],
        first_seen: dateText(item.createdAt),
        last_seen: dateText(item.updatedAt ?? item.analyzedAt),
      }),
    ];
  },
});
