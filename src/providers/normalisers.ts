import { describeIssues } from '../core/issues.js';
import type { Collection, NormaliseError, Normaliser, NormaliserRegistry } from '../core/provider.js';
import { type ResourceRecord, resourceRecordSchema } from '../core/record.js';
import { COMMON_SHAPES } from '../core/shapes.js';
import awsAccessanalyzerAnalyzers from './aws/normalisers/accessanalyzer-analyzers.js';
import awsCloudfrontDistribution from './aws/normalisers/cloudfront-distribution.js';
import awsCloudtrailTrail from './aws/normalisers/cloudtrail-trail.js';
import awsCloudwatchAlarm from './aws/normalisers/cloudwatch-alarm.js';
import awsConfigRecorders from './aws/normalisers/config-recorders.js';
import awsEc2EbsEncryptionDefault from './aws/normalisers/ec2-ebs-encryption-default.js';
import awsEc2Instance from './aws/normalisers/ec2-instance.js';
import awsEc2NetworkAcl from './aws/normalisers/ec2-network-acl.js';
import awsEc2SecurityGroup from './aws/normalisers/ec2-security-group.js';
import awsEc2Volume from './aws/normalisers/ec2-volume.js';
import awsEc2Vpc from './aws/normalisers/ec2-vpc.js';
import awsEfsFileSystem from './aws/normalisers/efs-file-system.js';
import awsElbLoadBalancer from './aws/normalisers/elb-load-balancer.js';
import awsElbv2LoadBalancer from './aws/normalisers/elbv2-load-balancer.js';
import awsGuarddutyDetectors from './aws/normalisers/guardduty-detectors.js';
import awsIamAccountSummary from './aws/normalisers/iam-account-summary.js';
import awsIamCredentialReport from './aws/normalisers/iam-credential-report.js';
import awsIamGroup from './aws/normalisers/iam-group.js';
import awsIamPasswordPolicy from './aws/normalisers/iam-password-policy.js';
import awsIamPolicy from './aws/normalisers/iam-policy.js';
import awsIamRole from './aws/normalisers/iam-role.js';
import awsIamServerCertificate from './aws/normalisers/iam-server-certificate.js';
import awsIamSupportAccess from './aws/normalisers/iam-support-access.js';
import awsIamUser from './aws/normalisers/iam-user.js';
import awsIamVirtualMfaDevice from './aws/normalisers/iam-virtual-mfa-device.js';
import awsInspector2AccountStatus from './aws/normalisers/inspector2-account-status.js';
import awsKmsKey from './aws/normalisers/kms-key.js';
import awsLogsLogGroup from './aws/normalisers/logs-log-group.js';
import awsLogsMetricFilter from './aws/normalisers/logs-metric-filter.js';
import awsRdsDbInstance from './aws/normalisers/rds-db-instance.js';
import awsS3AccountPublicAccessBlock from './aws/normalisers/s3-account-public-access-block.js';
import awsS3Bucket from './aws/normalisers/s3-bucket.js';
import awsSecurityhubHub from './aws/normalisers/securityhub-hub.js';
import awsSnsSubscription from './aws/normalisers/sns-subscription.js';
import azureComputeVm from './azure/normalisers/compute-vm.js';
import azureMonitorLogProfile from './azure/normalisers/monitor-log-profile.js';
import azureMysqlServer from './azure/normalisers/mysql-server.js';
import azureNetworkNsg from './azure/normalisers/network-nsg.js';
import azurePostgresqlFlexibleServer from './azure/normalisers/postgresql-flexible-server.js';
import azurePostgresqlServer from './azure/normalisers/postgresql-server.js';
import azureSqlServer from './azure/normalisers/sql-server.js';
import azureStorageAccount from './azure/normalisers/storage-account.js';
import azureWebSite from './azure/normalisers/web-site.js';
import gcpComputeFirewall from './gcp/normalisers/compute-firewall.js';
import gcpComputeInstance from './gcp/normalisers/compute-instance.js';
import gcpComputeSslPolicy from './gcp/normalisers/compute-ssl-policy.js';
import gcpLoggingBucket from './gcp/normalisers/logging-bucket.js';
import gcpSqlInstance from './gcp/normalisers/sql-instance.js';
import gcpStorageBucket from './gcp/normalisers/storage-bucket.js';
import { isRecord } from './normalise-kit.js';

/** Every normaliser, one per collector type. */
export const NORMALISERS: Normaliser[] = [
  awsEc2SecurityGroup,
  awsEc2Instance,
  awsEc2Volume,
  awsRdsDbInstance,
  awsLogsLogGroup,
  awsCloudfrontDistribution,
  awsS3Bucket,
  awsIamCredentialReport,
  awsIamPasswordPolicy,
  awsIamAccountSummary,
  awsIamUser,
  awsIamGroup,
  awsIamRole,
  awsIamPolicy,
  awsIamSupportAccess,
  awsIamServerCertificate,
  awsIamVirtualMfaDevice,
  awsCloudtrailTrail,
  awsConfigRecorders,
  awsCloudwatchAlarm,
  awsSnsSubscription,
  awsLogsMetricFilter,
  awsKmsKey,
  awsEc2EbsEncryptionDefault,
  awsEc2Vpc,
  awsEc2NetworkAcl,
  awsS3AccountPublicAccessBlock,
  awsSecurityhubHub,
  awsGuarddutyDetectors,
  awsAccessanalyzerAnalyzers,
  awsInspector2AccountStatus,
  awsEfsFileSystem,
  awsElbv2LoadBalancer,
  awsElbLoadBalancer,
  azureNetworkNsg,
  azureComputeVm,
  azureSqlServer,
  azurePostgresqlServer,
  azureMysqlServer,
  azurePostgresqlFlexibleServer,
  azureMonitorLogProfile,
  azureWebSite,
  azureStorageAccount,
  gcpComputeFirewall,
  gcpComputeInstance,
  gcpSqlInstance,
  gcpLoggingBucket,
  gcpComputeSslPolicy,
  gcpStorageBucket,
];

const BY_TYPE = new Map(NORMALISERS.map((n) => [n.type, n]));

export function normaliserFor(type: string): Normaliser | undefined {
  return BY_TYPE.get(type);
}

/** The collector types that produce any of the requested ext or com record types. */
export function collectorTypesFor(types: ReadonlySet<string>): string[] {
  return NORMALISERS.filter((n) => n.produces.some((p) => types.has(p))).map((n) => n.type);
}

export type { NormaliseError };

/** Validate one record against the record schema and the shape of its com.record_type. */
export function checkRecord(rec: ResourceRecord): string | null {
  const base = resourceRecordSchema.safeParse(rec);
  if (!base.success)
    return `invalid record ${rec.com?.reference ?? ''}: ${describeIssues(base.error.issues, rec, { max: Number.POSITIVE_INFINITY })}`.trim();
  const shape = COMMON_SHAPES[rec.com.record_type];
  if (shape) {
    const s = shape.safeParse(rec.com);
    if (!s.success)
      return `invalid ${rec.com.record_type} record ${rec.com.reference}: ${describeIssues(s.error.issues, rec.com, { at: 'com', max: Number.POSITIVE_INFINITY })}`;
  }
  return null;
}

/**
 * Normalise every item of a collection. A bad item (missing id, a field of the wrong type, a
 * record that fails validation) becomes one error entry naming the type, the item index and
 * the field ("aws.ec2.security_group item 3" / "IpPermissions[0].IpRanges: expected an array,
 * got string"); the other items still come through. A collection that failed as a whole (`error`) yields nothing here: its
 * reason is the collection's own `error`, which the caller reports.
 */
export function normaliseCollection(c: Collection): { records: ResourceRecord[]; errors: NormaliseError[] } {
  const records: ResourceRecord[] = [];
  const errors: NormaliseError[] = [];
  if (c.error !== undefined || c.items === undefined) return { records, errors };
  const n = normaliserFor(c.type);
  if (!n) {
    errors.push({ reference: c.type, message: `no normaliser for collector type "${c.type}"` });
    return { records, errors };
  }
  const scope = {
    cloud: c.cloud,
    account: c.account,
    region: c.region,
    ...(c.partition ? { partition: c.partition } : {}),
  };
  c.items.forEach((item, index) => {
    const reference = `${c.type} item ${index}`;
    if (!isRecord(item)) {
      errors.push({ reference, message: 'item is not a JSON object' });
      return;
    }
    try {
      const out = n.normalise(item, scope);
      const bad = out.map(checkRecord).find((m) => m !== null);
      if (bad) {
        errors.push({ reference, message: bad });
        return;
      }
      records.push(...out);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // normalisers prefix their messages with the type, which the reference already names
      errors.push({
        reference,
        message: message.startsWith(`${c.type}: `) ? message.slice(c.type.length + 2) : message,
      });
    }
  });
  return { records, errors };
}

/** Every record type a collector yields: its own type plus what its normaliser produces. */
export function producedBy(collectorType: string): readonly string[] {
  return normaliserFor(collectorType)?.produces ?? [collectorType];
}

/** The registry the engine normalises with (core knows only the interface). */
export const NORMALISERS_REGISTRY: NormaliserRegistry = {
  producedBy,
  collectorTypesFor,
  normalise: normaliseCollection,
};
