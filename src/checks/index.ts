import type { AnyCheck } from '../core/check.js';
import awsAccessanalyzerEnabledInRegion from './aws/accessanalyzer/enabled-in-region.js';
import awsCloudtrailBucketAccessLoggingEnabled from './aws/cloudtrail/bucket-access-logging-enabled.js';
import awsCloudtrailBucketNotPublic from './aws/cloudtrail/bucket-not-public.js';
import awsCloudtrailCloudwatchLogsIntegrated from './aws/cloudtrail/cloudwatch-logs-integrated.js';
import awsCloudtrailLogFileValidationEnabled from './aws/cloudtrail/log-file-validation-enabled.js';
import awsCloudtrailLogsEncryptedWithKms from './aws/cloudtrail/logs-encrypted-with-kms.js';
import awsCloudtrailMultiRegionTrailLogging from './aws/cloudtrail/multi-region-trail-logging.js';
import awsCloudtrailS3ObjectReadsLogged from './aws/cloudtrail/s3-object-reads-logged.js';
import awsCloudtrailS3ObjectWritesLogged from './aws/cloudtrail/s3-object-writes-logged.js';
import awsCloudwatchCloudtrailChangesMonitored from './aws/cloudwatch/cloudtrail-changes-monitored.js';
import awsCloudwatchCmkDisableOrDeletionMonitored from './aws/cloudwatch/cmk-disable-or-deletion-monitored.js';
import awsCloudwatchConfigChangesMonitored from './aws/cloudwatch/config-changes-monitored.js';
import awsCloudwatchConsoleAuthFailuresMonitored from './aws/cloudwatch/console-auth-failures-monitored.js';
import awsCloudwatchConsoleSigninWithoutMfaMonitored from './aws/cloudwatch/console-signin-without-mfa-monitored.js';
import awsCloudwatchIamPolicyChangesMonitored from './aws/cloudwatch/iam-policy-changes-monitored.js';
import awsCloudwatchNaclChangesMonitored from './aws/cloudwatch/nacl-changes-monitored.js';
import awsCloudwatchNetworkGatewayChangesMonitored from './aws/cloudwatch/network-gateway-changes-monitored.js';
import awsCloudwatchOrganizationsChangesMonitored from './aws/cloudwatch/organizations-changes-monitored.js';
import awsCloudwatchRootUsageMonitored from './aws/cloudwatch/root-usage-monitored.js';
import awsCloudwatchRouteTableChangesMonitored from './aws/cloudwatch/route-table-changes-monitored.js';
import awsCloudwatchS3BucketPolicyChangesMonitored from './aws/cloudwatch/s3-bucket-policy-changes-monitored.js';
import awsCloudwatchSecurityGroupChangesMonitored from './aws/cloudwatch/security-group-changes-monitored.js';
import awsCloudwatchUnauthorizedApiCallsMonitored from './aws/cloudwatch/unauthorized-api-calls-monitored.js';
import awsCloudwatchVpcChangesMonitored from './aws/cloudwatch/vpc-changes-monitored.js';
import awsConfigRecorderEnabledInRegion from './aws/config/recorder-enabled-in-region.js';
import awsEc2DefaultSecurityGroupRestrictsAll from './aws/ec2/default-security-group-restricts-all.js';
import awsEc2EbsEncryptionByDefault from './aws/ec2/ebs-encryption-by-default.js';
import awsEc2InstanceImdsv2Required from './aws/ec2/instance-imdsv2-required.js';
import awsEc2InstanceUsesIamRole from './aws/ec2/instance-uses-iam-role.js';
import awsEc2NetworkAclNoAdminPortsFromInternet from './aws/ec2/network-acl-no-admin-ports-from-internet.js';
import awsEc2NoAdminPortsFromIpv4Internet from './aws/ec2/no-admin-ports-from-ipv4-internet.js';
import awsEc2NoAdminPortsFromIpv6Internet from './aws/ec2/no-admin-ports-from-ipv6-internet.js';
import awsEc2NoCifsFromInternet from './aws/ec2/no-cifs-from-internet.js';
import awsEc2VpcFlowLogsEnabled from './aws/ec2/vpc-flow-logs-enabled.js';
import awsEcrRepositoryScanOnPush from './aws/ecr/repository-scan-on-push.js';
import awsEcrRepositoryTagsImmutable from './aws/ecr/repository-tags-immutable.js';
import awsEfsFileSystemEncrypted from './aws/efs/file-system-encrypted.js';
import awsElbAccessLogsEnabled from './aws/elb/access-logs-enabled.js';
import awsElbListenersUseTls from './aws/elb/listeners-use-tls.js';
import awsElbv2AccessLogsEnabled from './aws/elbv2/access-logs-enabled.js';
import awsElbv2ListenersUseTls from './aws/elbv2/listeners-use-tls.js';
import awsElbv2TlsPolicyCurrent from './aws/elbv2/tls-policy-current.js';
import awsGuarddutyEnabledInRegion from './aws/guardduty/enabled-in-region.js';
import awsIamAccessKeysRotated from './aws/iam/access-keys-rotated.js';
import awsIamCloudshellFullAccessRestricted from './aws/iam/cloudshell-full-access-restricted.js';
import awsIamConsoleUsersHaveMfa from './aws/iam/console-users-have-mfa.js';
import awsIamNoAccessKeysFromInitialSetup from './aws/iam/no-access-keys-from-initial-setup.js';
import awsIamNoExpiredServerCertificates from './aws/iam/no-expired-server-certificates.js';
import awsIamNoFullAdminPolicyAttached from './aws/iam/no-full-admin-policy-attached.js';
import awsIamOneActiveAccessKey from './aws/iam/one-active-access-key.js';
import awsIamPasswordPolicyMinLength from './aws/iam/password-policy-min-length.js';
import awsIamPasswordPolicyPreventsReuse from './aws/iam/password-policy-prevents-reuse.js';
import awsIamRootAccountHardwareMfa from './aws/iam/root-account-hardware-mfa.js';
import awsIamRootAccountHasNoAccessKeys from './aws/iam/root-account-has-no-access-keys.js';
import awsIamRootAccountMfaEnabled from './aws/iam/root-account-mfa-enabled.js';
import awsIamRootAccountNotUsed from './aws/iam/root-account-not-used.js';
import awsIamSupportRoleExists from './aws/iam/support-role-exists.js';
import awsIamUnusedCredentialsDisabled from './aws/iam/unused-credentials-disabled.js';
import awsIamUserPermissionsThroughGroups from './aws/iam/user-permissions-through-groups.js';
import awsInspector2EnabledInRegion from './aws/inspector2/enabled-in-region.js';
import awsKmsKeyRotationEnabled from './aws/kms/key-rotation-enabled.js';
import awsRdsInstanceAutoMinorVersionUpgrade from './aws/rds/instance-auto-minor-version-upgrade.js';
import awsRdsInstanceLogExportsEnabled from './aws/rds/instance-log-exports-enabled.js';
import awsRdsInstanceMultiAz from './aws/rds/instance-multi-az.js';
import awsRdsInstanceNotPubliclyAccessible from './aws/rds/instance-not-publicly-accessible.js';
import awsRdsInstanceNotReachableFromInternet from './aws/rds/instance-not-reachable-from-internet.js';
import awsRdsInstanceStorageEncrypted from './aws/rds/instance-storage-encrypted.js';
import awsS3AccountPublicAccessBlocked from './aws/s3/account-public-access-blocked.js';
import awsS3BucketAccessLoggingEnabled from './aws/s3/bucket-access-logging-enabled.js';
import awsS3BucketDefaultEncryptionEnabled from './aws/s3/bucket-default-encryption-enabled.js';
import awsS3BucketMfaDeleteEnabled from './aws/s3/bucket-mfa-delete-enabled.js';
import awsS3BucketRequiresTls from './aws/s3/bucket-requires-tls.js';
import awsS3PublicAccessBlocked from './aws/s3/public-access-blocked.js';
import awsSecurityhubEnabledInRegion from './aws/securityhub/enabled-in-region.js';
import { AZURE_CHECKS } from './azure/index.js';
import databaseTlsEnforced from './common/database-tls-enforced.js';
import firewallSensitivePort from './common/firewall-sensitive-port.js';
import logRetention from './common/log-retention.js';
import vmOsDiskEncrypted from './common/vm-os-disk-encrypted.js';
import webAppMinTls from './common/web-app-min-tls.js';

/** Every check Cloudward ships. Add a new check's import here. */
export const ALL_CHECKS: AnyCheck[] = [
  firewallSensitivePort,
  databaseTlsEnforced,
  vmOsDiskEncrypted,
  logRetention,
  webAppMinTls,
  awsAccessanalyzerEnabledInRegion,
  awsCloudtrailBucketAccessLoggingEnabled,
  awsCloudtrailBucketNotPublic,
  awsCloudtrailCloudwatchLogsIntegrated,
  awsCloudtrailLogFileValidationEnabled,
  awsCloudtrailLogsEncryptedWithKms,
  awsCloudtrailMultiRegionTrailLogging,
  awsCloudtrailS3ObjectReadsLogged,
  awsCloudtrailS3ObjectWritesLogged,
  awsCloudwatchCloudtrailChangesMonitored,
  awsCloudwatchCmkDisableOrDeletionMonitored,
  awsCloudwatchConfigChangesMonitored,
  awsCloudwatchConsoleAuthFailuresMonitored,
  awsCloudwatchConsoleSigninWithoutMfaMonitored,
  awsCloudwatchIamPolicyChangesMonitored,
  awsCloudwatchNaclChangesMonitored,
  awsCloudwatchNetworkGatewayChangesMonitored,
  awsCloudwatchOrganizationsChangesMonitored,
  awsCloudwatchRootUsageMonitored,
  awsCloudwatchRouteTableChangesMonitored,
  awsCloudwatchS3BucketPolicyChangesMonitored,
  awsCloudwatchSecurityGroupChangesMonitored,
  awsCloudwatchUnauthorizedApiCallsMonitored,
  awsCloudwatchVpcChangesMonitored,
  awsConfigRecorderEnabledInRegion,
  awsEc2DefaultSecurityGroupRestrictsAll,
  awsEc2EbsEncryptionByDefault,
  awsEc2InstanceImdsv2Required,
  awsEc2InstanceUsesIamRole,
  awsEc2NetworkAclNoAdminPortsFromInternet,
  awsEc2NoAdminPortsFromIpv4Internet,
  awsEc2NoAdminPortsFromIpv6Internet,
  awsEc2NoCifsFromInternet,
  awsEc2VpcFlowLogsEnabled,
  awsEcrRepositoryScanOnPush,
  awsEcrRepositoryTagsImmutable,
  awsEfsFileSystemEncrypted,
  awsElbAccessLogsEnabled,
  awsElbListenersUseTls,
  awsElbv2AccessLogsEnabled,
  awsElbv2ListenersUseTls,
  awsElbv2TlsPolicyCurrent,
  awsGuarddutyEnabledInRegion,
  awsIamAccessKeysRotated,
  awsIamCloudshellFullAccessRestricted,
  awsIamConsoleUsersHaveMfa,
  awsIamNoAccessKeysFromInitialSetup,
  awsIamNoExpiredServerCertificates,
  awsIamNoFullAdminPolicyAttached,
  awsIamOneActiveAccessKey,
  awsIamPasswordPolicyMinLength,
  awsIamPasswordPolicyPreventsReuse,
  awsIamRootAccountHardwareMfa,
  awsIamRootAccountHasNoAccessKeys,
  awsIamRootAccountMfaEnabled,
  awsIamRootAccountNotUsed,
  awsIamSupportRoleExists,
  awsIamUnusedCredentialsDisabled,
  awsIamUserPermissionsThroughGroups,
  awsInspector2EnabledInRegion,
  awsKmsKeyRotationEnabled,
  awsRdsInstanceAutoMinorVersionUpgrade,
  awsRdsInstanceLogExportsEnabled,
  awsRdsInstanceMultiAz,
  awsRdsInstanceNotPubliclyAccessible,
  awsRdsInstanceNotReachableFromInternet,
  awsRdsInstanceStorageEncrypted,
  awsS3AccountPublicAccessBlocked,
  awsS3BucketAccessLoggingEnabled,
  awsS3BucketDefaultEncryptionEnabled,
  awsS3BucketMfaDeleteEnabled,
  awsS3BucketRequiresTls,
  awsS3PublicAccessBlocked,
  awsSecurityhubEnabledInRegion,
  ...AZURE_CHECKS,
];

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
