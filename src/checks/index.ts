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
import awsDocdbClusterBackupRetention from './aws/docdb/cluster-backup-retention.js';
import awsDocdbClusterDeletionProtection from './aws/docdb/cluster-deletion-protection.js';
import awsDocdbClusterEncrypted from './aws/docdb/cluster-encrypted.js';
import awsDocdbClusterExportsAuditLogs from './aws/docdb/cluster-exports-audit-logs.js';
import awsDocdbClusterSnapshotNotPublic from './aws/docdb/cluster-snapshot-not-public.js';
import awsDynamodbTableDeletionProtection from './aws/dynamodb/table-deletion-protection.js';
import awsDynamodbTablePointInTimeRecovery from './aws/dynamodb/table-point-in-time-recovery.js';
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
import awsEfsFileSystemAutomaticBackups from './aws/efs/file-system-automatic-backups.js';
import awsEfsFileSystemEncrypted from './aws/efs/file-system-encrypted.js';
import awsElasticacheClusterAutoMinorVersionUpgrade from './aws/elasticache/cluster-auto-minor-version-upgrade.js';
import awsElasticacheClusterAutomaticBackups from './aws/elasticache/cluster-automatic-backups.js';
import awsElasticacheClusterCustomSubnetGroup from './aws/elasticache/cluster-custom-subnet-group.js';
import awsElasticacheReplicationGroupAutomaticFailover from './aws/elasticache/replication-group-automatic-failover.js';
import awsElasticacheReplicationGroupEncryptedAtRest from './aws/elasticache/replication-group-encrypted-at-rest.js';
import awsElasticacheReplicationGroupEncryptedInTransit from './aws/elasticache/replication-group-encrypted-in-transit.js';
import awsElasticacheReplicationGroupRequiresAuthentication from './aws/elasticache/replication-group-requires-authentication.js';
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
import awsNeptuneClusterBackupRetention from './aws/neptune/cluster-backup-retention.js';
import awsNeptuneClusterCopiesTagsToSnapshots from './aws/neptune/cluster-copies-tags-to-snapshots.js';
import awsNeptuneClusterDeletionProtection from './aws/neptune/cluster-deletion-protection.js';
import awsNeptuneClusterEncrypted from './aws/neptune/cluster-encrypted.js';
import awsNeptuneClusterExportsAuditLogs from './aws/neptune/cluster-exports-audit-logs.js';
import awsNeptuneClusterIamAuthentication from './aws/neptune/cluster-iam-authentication.js';
import awsNeptuneClusterMultiAz from './aws/neptune/cluster-multi-az.js';
import awsNeptuneClusterSnapshotEncrypted from './aws/neptune/cluster-snapshot-encrypted.js';
import awsNeptuneClusterSnapshotNotPublic from './aws/neptune/cluster-snapshot-not-public.js';
import awsOpensearchDomainAuditLogging from './aws/opensearch/domain-audit-logging.js';
import awsOpensearchDomainEncryptedAtRest from './aws/opensearch/domain-encrypted-at-rest.js';
import awsOpensearchDomainErrorLogging from './aws/opensearch/domain-error-logging.js';
import awsOpensearchDomainFineGrainedAccessControl from './aws/opensearch/domain-fine-grained-access-control.js';
import awsOpensearchDomainInVpc from './aws/opensearch/domain-in-vpc.js';
import awsOpensearchDomainNodeToNodeEncryption from './aws/opensearch/domain-node-to-node-encryption.js';
import awsOpensearchDomainSoftwareCurrent from './aws/opensearch/domain-software-current.js';
import awsOpensearchDomainThreeDataNodes from './aws/opensearch/domain-three-data-nodes.js';
import awsOpensearchDomainThreeDedicatedPrimaryNodes from './aws/opensearch/domain-three-dedicated-primary-nodes.js';
import awsOpensearchDomainTlsPolicyCurrent from './aws/opensearch/domain-tls-policy-current.js';
import awsRdsAuroraMysqlClusterExportsAuditLogs from './aws/rds/aurora-mysql-cluster-exports-audit-logs.js';
import awsRdsAuroraPostgresClusterExportsLogs from './aws/rds/aurora-postgres-cluster-exports-logs.js';
import awsRdsClusterAutoMinorVersionUpgrade from './aws/rds/cluster-auto-minor-version-upgrade.js';
import awsRdsClusterBacktracking from './aws/rds/cluster-backtracking.js';
import awsRdsClusterCopiesTagsToSnapshots from './aws/rds/cluster-copies-tags-to-snapshots.js';
import awsRdsClusterCustomAdminUsername from './aws/rds/cluster-custom-admin-username.js';
import awsRdsClusterDeletionProtection from './aws/rds/cluster-deletion-protection.js';
import awsRdsClusterIamAuthentication from './aws/rds/cluster-iam-authentication.js';
import awsRdsClusterMultiAz from './aws/rds/cluster-multi-az.js';
import awsRdsClusterSnapshotEncrypted from './aws/rds/cluster-snapshot-encrypted.js';
import awsRdsClusterSnapshotNotPublic from './aws/rds/cluster-snapshot-not-public.js';
import awsRdsClusterStorageEncrypted from './aws/rds/cluster-storage-encrypted.js';
import awsRdsEventSubscriptionCoversClusterEvents from './aws/rds/event-subscription-covers-cluster-events.js';
import awsRdsEventSubscriptionCoversInstanceEvents from './aws/rds/event-subscription-covers-instance-events.js';
import awsRdsEventSubscriptionCoversParameterGroupEvents from './aws/rds/event-subscription-covers-parameter-group-events.js';
import awsRdsEventSubscriptionCoversSecurityGroupEvents from './aws/rds/event-subscription-covers-security-group-events.js';
import awsRdsInstanceAutoMinorVersionUpgrade from './aws/rds/instance-auto-minor-version-upgrade.js';
import awsRdsInstanceAutomaticBackups from './aws/rds/instance-automatic-backups.js';
import awsRdsInstanceCopiesTagsToSnapshots from './aws/rds/instance-copies-tags-to-snapshots.js';
import awsRdsInstanceCustomAdminUsername from './aws/rds/instance-custom-admin-username.js';
import awsRdsInstanceDeletionProtection from './aws/rds/instance-deletion-protection.js';
import awsRdsInstanceEnhancedMonitoring from './aws/rds/instance-enhanced-monitoring.js';
import awsRdsInstanceIamAuthentication from './aws/rds/instance-iam-authentication.js';
import awsRdsInstanceInVpc from './aws/rds/instance-in-vpc.js';
import awsRdsInstanceLogExportsEnabled from './aws/rds/instance-log-exports-enabled.js';
import awsRdsInstanceMultiAz from './aws/rds/instance-multi-az.js';
import awsRdsInstanceNoDefaultPort from './aws/rds/instance-no-default-port.js';
import awsRdsInstanceNotPubliclyAccessible from './aws/rds/instance-not-publicly-accessible.js';
import awsRdsInstanceNotReachableFromInternet from './aws/rds/instance-not-reachable-from-internet.js';
import awsRdsInstanceStorageEncrypted from './aws/rds/instance-storage-encrypted.js';
import awsRdsMariadbInstanceExportsLogs from './aws/rds/mariadb-instance-exports-logs.js';
import awsRdsPostgresInstanceExportsLogs from './aws/rds/postgres-instance-exports-logs.js';
import awsRdsSnapshotEncrypted from './aws/rds/snapshot-encrypted.js';
import awsRdsSnapshotNotPublic from './aws/rds/snapshot-not-public.js';
import awsRdsSqlserverInstanceExportsLogs from './aws/rds/sqlserver-instance-exports-logs.js';
import awsRedshiftClusterAuditLogging from './aws/redshift/cluster-audit-logging.js';
import awsRedshiftClusterAutomaticSnapshots from './aws/redshift/cluster-automatic-snapshots.js';
import awsRedshiftClusterCustomAdminUsername from './aws/redshift/cluster-custom-admin-username.js';
import awsRedshiftClusterCustomDatabaseName from './aws/redshift/cluster-custom-database-name.js';
import awsRedshiftClusterEncrypted from './aws/redshift/cluster-encrypted.js';
import awsRedshiftClusterEnhancedVpcRouting from './aws/redshift/cluster-enhanced-vpc-routing.js';
import awsRedshiftClusterMultiAz from './aws/redshift/cluster-multi-az.js';
import awsRedshiftClusterNotPublic from './aws/redshift/cluster-not-public.js';
import awsRedshiftClusterRequiresTls from './aws/redshift/cluster-requires-tls.js';
import awsRedshiftClusterVersionUpgrades from './aws/redshift/cluster-version-upgrades.js';
import awsS3AccountPublicAccessBlocked from './aws/s3/account-public-access-blocked.js';
import awsS3BucketAccessLoggingEnabled from './aws/s3/bucket-access-logging-enabled.js';
import awsS3BucketAclsNotUsed from './aws/s3/bucket-acls-not-used.js';
import awsS3BucketDefaultEncryptionEnabled from './aws/s3/bucket-default-encryption-enabled.js';
import awsS3BucketEncryptedWithKms from './aws/s3/bucket-encrypted-with-kms.js';
import awsS3BucketEventNotificationsEnabled from './aws/s3/bucket-event-notifications-enabled.js';
import awsS3BucketLifecycleConfigured from './aws/s3/bucket-lifecycle-configured.js';
import awsS3BucketMfaDeleteEnabled from './aws/s3/bucket-mfa-delete-enabled.js';
import awsS3BucketNoPublicReadAccess from './aws/s3/bucket-no-public-read-access.js';
import awsS3BucketNoPublicWriteAccess from './aws/s3/bucket-no-public-write-access.js';
import awsS3BucketObjectLockEnabled from './aws/s3/bucket-object-lock-enabled.js';
import awsS3BucketPolicyNoCrossAccountAdminActions from './aws/s3/bucket-policy-no-cross-account-admin-actions.js';
import awsS3BucketRequiresTls from './aws/s3/bucket-requires-tls.js';
import awsS3BucketVersioningEnabled from './aws/s3/bucket-versioning-enabled.js';
import awsS3PublicAccessBlocked from './aws/s3/public-access-blocked.js';
import awsS3VersionedBucketHasLifecycle from './aws/s3/versioned-bucket-has-lifecycle.js';
import awsSecurityhubEnabledInRegion from './aws/securityhub/enabled-in-region.js';
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
  awsDocdbClusterBackupRetention,
  awsDocdbClusterDeletionProtection,
  awsDocdbClusterEncrypted,
  awsDocdbClusterExportsAuditLogs,
  awsDocdbClusterSnapshotNotPublic,
  awsDynamodbTableDeletionProtection,
  awsDynamodbTablePointInTimeRecovery,
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
  awsEfsFileSystemAutomaticBackups,
  awsEfsFileSystemEncrypted,
  awsElasticacheClusterAutomaticBackups,
  awsElasticacheClusterAutoMinorVersionUpgrade,
  awsElasticacheClusterCustomSubnetGroup,
  awsElasticacheReplicationGroupAutomaticFailover,
  awsElasticacheReplicationGroupEncryptedAtRest,
  awsElasticacheReplicationGroupEncryptedInTransit,
  awsElasticacheReplicationGroupRequiresAuthentication,
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
  awsNeptuneClusterBackupRetention,
  awsNeptuneClusterCopiesTagsToSnapshots,
  awsNeptuneClusterDeletionProtection,
  awsNeptuneClusterEncrypted,
  awsNeptuneClusterExportsAuditLogs,
  awsNeptuneClusterIamAuthentication,
  awsNeptuneClusterMultiAz,
  awsNeptuneClusterSnapshotEncrypted,
  awsNeptuneClusterSnapshotNotPublic,
  awsOpensearchDomainAuditLogging,
  awsOpensearchDomainEncryptedAtRest,
  awsOpensearchDomainErrorLogging,
  awsOpensearchDomainFineGrainedAccessControl,
  awsOpensearchDomainInVpc,
  awsOpensearchDomainNodeToNodeEncryption,
  awsOpensearchDomainSoftwareCurrent,
  awsOpensearchDomainThreeDataNodes,
  awsOpensearchDomainThreeDedicatedPrimaryNodes,
  awsOpensearchDomainTlsPolicyCurrent,
  awsRdsAuroraMysqlClusterExportsAuditLogs,
  awsRdsAuroraPostgresClusterExportsLogs,
  awsRdsClusterAutoMinorVersionUpgrade,
  awsRdsClusterBacktracking,
  awsRdsClusterCopiesTagsToSnapshots,
  awsRdsClusterCustomAdminUsername,
  awsRdsClusterDeletionProtection,
  awsRdsClusterIamAuthentication,
  awsRdsClusterMultiAz,
  awsRdsClusterSnapshotEncrypted,
  awsRdsClusterSnapshotNotPublic,
  awsRdsClusterStorageEncrypted,
  awsRdsEventSubscriptionCoversClusterEvents,
  awsRdsEventSubscriptionCoversInstanceEvents,
  awsRdsEventSubscriptionCoversParameterGroupEvents,
  awsRdsEventSubscriptionCoversSecurityGroupEvents,
  awsRdsInstanceAutomaticBackups,
  awsRdsInstanceAutoMinorVersionUpgrade,
  awsRdsInstanceCopiesTagsToSnapshots,
  awsRdsInstanceCustomAdminUsername,
  awsRdsInstanceDeletionProtection,
  awsRdsInstanceEnhancedMonitoring,
  awsRdsInstanceIamAuthentication,
  awsRdsInstanceInVpc,
  awsRdsInstanceLogExportsEnabled,
  awsRdsInstanceMultiAz,
  awsRdsInstanceNoDefaultPort,
  awsRdsInstanceNotPubliclyAccessible,
  awsRdsInstanceNotReachableFromInternet,
  awsRdsInstanceStorageEncrypted,
  awsRdsMariadbInstanceExportsLogs,
  awsRdsPostgresInstanceExportsLogs,
  awsRdsSnapshotEncrypted,
  awsRdsSnapshotNotPublic,
  awsRdsSqlserverInstanceExportsLogs,
  awsRedshiftClusterAuditLogging,
  awsRedshiftClusterAutomaticSnapshots,
  awsRedshiftClusterCustomAdminUsername,
  awsRedshiftClusterCustomDatabaseName,
  awsRedshiftClusterEncrypted,
  awsRedshiftClusterEnhancedVpcRouting,
  awsRedshiftClusterMultiAz,
  awsRedshiftClusterNotPublic,
  awsRedshiftClusterRequiresTls,
  awsRedshiftClusterVersionUpgrades,
  awsS3AccountPublicAccessBlocked,
  awsS3BucketAccessLoggingEnabled,
  awsS3BucketAclsNotUsed,
  awsS3BucketDefaultEncryptionEnabled,
  awsS3BucketEncryptedWithKms,
  awsS3BucketEventNotificationsEnabled,
  awsS3BucketLifecycleConfigured,
  awsS3BucketMfaDeleteEnabled,
  awsS3BucketNoPublicReadAccess,
  awsS3BucketNoPublicWriteAccess,
  awsS3BucketObjectLockEnabled,
  awsS3BucketPolicyNoCrossAccountAdminActions,
  awsS3BucketRequiresTls,
  awsS3BucketVersioningEnabled,
  awsS3PublicAccessBlocked,
  awsS3VersionedBucketHasLifecycle,
  awsSecurityhubEnabledInRegion,
];

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
