/**
 * What AWS's detectors report that a Cloudward check also reports: the Cloudward checks, or
 * compliance requirements (`<framework>:<requirement>`), a detector finding of each kind is the
 * same problem as. A detector finding so named, on a resource a failing one of them is about, is
 * shown as one finding with both sources (src/core/imported.ts). The kinds come from the
 * detectors' documentation: GuardDuty's finding types, IAM Access Analyzer's resource types, the
 * CIS AWS Foundations Benchmark v1.2.0 rules of Security Hub's per-standard findings, and the
 * `Compliance.RelatedRequirements` Security Hub gives with consolidated control findings.
 *
 * Inspector reports software vulnerabilities and network paths, which no Cloudward check does:
 * it has no entry.
 */

/**
 * GuardDuty finding types about a setting (not an activity), with the checks of that setting.
 * The S3 ones are on the bucket GuardDuty names (the resource type can be the caller's key).
 */
export const GUARDDUTY_SAME_AS: Readonly<Record<string, readonly string[]>> = {
  'Policy:S3/BucketBlockPublicAccessDisabled': ['aws.s3.public_access_blocked'],
  'Policy:S3/BucketAnonymousAccessGranted': [
    'aws.s3.bucket_no_public_read_access',
    'aws.s3.bucket_no_public_write_access',
  ],
  'Policy:S3/BucketPublicAccessGranted': [
    'aws.s3.bucket_no_public_read_access',
    'aws.s3.bucket_no_public_write_access',
  ],
  'Policy:S3/AccountBlockPublicAccessDisabled': ['aws.s3.account_public_access_blocked'],
  'Stealth:S3/ServerAccessLoggingDisabled': ['aws.s3.bucket_access_logging_enabled'],
  'Policy:IAMUser/RootCredentialUsage': ['aws.iam.root_account_not_used'],
};

/**
 * IAM Access Analyzer's external-access findings by resource type: access from outside the zone
 * of trust is what Cloudward's public-access checks find on the same resource. (Access Analyzer
 * also covers IAM roles, Secrets Manager secrets, EFS and DynamoDB, which no Cloudward check
 * judges for outside access.)
 */
export const ACCESS_ANALYZER_SAME_AS: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': ['aws.s3.bucket_no_public_read_access', 'aws.s3.bucket_no_public_write_access'],
  'AWS::KMS::Key': ['aws.kms.key_not_public'],
  'AWS::SQS::Queue': ['aws.sqs.queue_not_public'],
  'AWS::Lambda::Function': ['aws.lambda.function_not_public'],
  'AWS::SNS::Topic': ['aws.sns.topic_not_public'],
  'AWS::EC2::Snapshot': ['aws.ec2.snapshot_not_public'],
  'AWS::RDS::DBSnapshot': ['aws.rds.snapshot_not_public'],
  'AWS::RDS::DBClusterSnapshot': ['aws.rds.cluster_snapshot_not_public'],
};

/**
 * Security Hub's findings of the CIS AWS Foundations Benchmark v1.2.0 standard (the
 * per-standard findings, `ProductFields.RuleId`), which no Cloudward framework holds, by rule:
 * the Cloudward checks of the same control.
 */
export const CIS_AWS_1_2_SAME_AS: Readonly<Record<string, readonly string[]>> = {
  '1.1': ['aws.cloudwatch.root_usage_monitored'],
  '1.2': ['aws.iam.console_users_have_mfa'],
  '1.4': ['aws.iam.access_keys_rotated'],
  '1.5': ['aws.iam.password_policy_strong'],
  '1.6': ['aws.iam.password_policy_strong'],
  '1.7': ['aws.iam.password_policy_strong'],
  '1.8': ['aws.iam.password_policy_strong'],
  '1.9': ['aws.iam.password_policy_min_length'],
  '1.10': ['aws.iam.password_policy_prevents_reuse'],
  '1.12': ['aws.iam.root_account_has_no_access_keys'],
  '1.13': ['aws.iam.root_account_mfa_enabled'],
  '1.14': ['aws.iam.root_account_hardware_mfa'],
  '1.16': ['aws.iam.user_permissions_through_groups'],
  '2.1': ['aws.cloudtrail.multi_region_trail_logging'],
  '2.2': ['aws.cloudtrail.log_file_validation_enabled'],
  '2.3': ['aws.cloudtrail.bucket_not_public'],
  '2.4': ['aws.cloudtrail.cloudwatch_logs_integrated'],
  '2.6': ['aws.cloudtrail.bucket_access_logging_enabled'],
  '2.7': ['aws.cloudtrail.logs_encrypted_with_kms'],
  '2.8': ['aws.kms.key_rotation_enabled'],
  '2.9': ['aws.ec2.vpc_flow_logs_enabled'],
  '3.3': ['aws.cloudwatch.root_usage_monitored'],
  '3.5': ['aws.cloudwatch.cloudtrail_changes_monitored'],
  '3.2': ['aws.cloudwatch.console_signin_without_mfa_monitored'],
  '3.8': ['aws.cloudwatch.s3_bucket_policy_changes_monitored'],
  '4.3': ['aws.ec2.default_security_group_restricts_all'],
};

/** The CIS AWS versions Cloudward has a framework of (frameworks/cis-aws-<version>.yaml). */
const CIS_AWS_FRAMEWORKS = new Set(['1.4', '1.5', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0']);

/**
 * A Security Hub `Compliance.RelatedRequirements` entry as a Cloudward requirement:
 * `CIS AWS Foundations Benchmark v1.4.0/3.2` is `cis-aws-1.4:3.2`, and v1.2.0 rules are their
 * checks above. Other standards' entries (NIST, PCI DSS) name requirements many checks share, too
 * coarse to say two findings are one problem: none.
 */
export function relatedRequirementSameAs(entry: string): string[] {
  const m = /^CIS AWS Foundations Benchmark v(\d+)\.(\d+)(?:\.\d+)?\/(\S+)$/.exec(entry.trim());
  if (!m) return [];
  const [, major, minor, id] = m as unknown as [string, string, string, string];
  const version = `${major}.${minor}`;
  if (version === '1.2') return [...(CIS_AWS_1_2_SAME_AS[id] ?? [])];
  return CIS_AWS_FRAMEWORKS.has(version) ? [`cis-aws-${version}:${id}`] : [];
}

/** The CIS v1.2.0 rule of a Security Hub per-standard finding (its standard's ruleset and rule id). */
export function cisRuleSameAs(standardsGuideArn: string | null, ruleId: string | null): string[] {
  if (!standardsGuideArn || !ruleId) return [];
  const m = /ruleset\/cis-aws-foundations-benchmark\/v\/(\d+\.\d+)\.\d+$/.exec(standardsGuideArn);
  if (!m) return [];
  return relatedRequirementSameAs(`CIS AWS Foundations Benchmark v${m[1]}.0/${ruleId}`);
}
