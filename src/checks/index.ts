import type { AnyCheck } from '../core/check.js';
import awsAccessanalyzerEnabledInRegion from './aws/accessanalyzer/enabled-in-region.js';
import awsAccountSecurityContactRegistered from './aws/account/security-contact-registered.js';
import awsCloudtrailBucketAccessLoggingEnabled from './aws/cloudtrail/bucket-access-logging-enabled.js';
import awsCloudtrailBucketNotPublic from './aws/cloudtrail/bucket-not-public.js';
import awsCloudtrailCloudwatchLogsIntegrated from './aws/cloudtrail/cloudwatch-logs-integrated.js';
import awsCloudtrailLogFileValidationEnabled from './aws/cloudtrail/log-file-validation-enabled.js';
import awsCloudtrailLogsEncryptedWithKms from './aws/cloudtrail/logs-encrypted-with-kms.js';
import awsCloudtrailMultiRegionTrailLogging from './aws/cloudtrail/multi-region-trail-logging.js';
import awsCloudtrailS3ObjectReadsLogged from './aws/cloudtrail/s3-object-reads-logged.js';
import awsCloudtrailS3ObjectWritesLogged from './aws/cloudtrail/s3-object-writes-logged.js';
import awsCloudwatchAlarmActionsEnabled from './aws/cloudwatch/alarm-actions-enabled.js';
import awsCloudwatchAlarmHasActions from './aws/cloudwatch/alarm-has-actions.js';
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
import awsCodebuildProjectLoggingEnabled from './aws/codebuild/project-logging-enabled.js';
import awsCodebuildProjectNoPlaintextCredentials from './aws/codebuild/project-no-plaintext-credentials.js';
import awsCodebuildProjectS3LogsEncrypted from './aws/codebuild/project-s3-logs-encrypted.js';
import awsCodebuildProjectSourceNoCredentials from './aws/codebuild/project-source-no-credentials.js';
import awsCodebuildReportGroupExportEncrypted from './aws/codebuild/report-group-export-encrypted.js';
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
import awsEcrRepositoryEncryptedWithCmk from './aws/ecr/repository-encrypted-with-cmk.js';
import awsEcrRepositoryLifecyclePolicy from './aws/ecr/repository-lifecycle-policy.js';
import awsEcrRepositoryScanOnPush from './aws/ecr/repository-scan-on-push.js';
import awsEcrRepositoryTagsImmutable from './aws/ecr/repository-tags-immutable.js';
import awsEcsClusterContainerInsights from './aws/ecs/cluster-container-insights.js';
import awsEcsServiceFargateLatestPlatform from './aws/ecs/service-fargate-latest-platform.js';
import awsEcsServiceNoPublicIp from './aws/ecs/service-no-public-ip.js';
import awsEcsTaskDefinitionHostNetworkNonRoot from './aws/ecs/task-definition-host-network-non-root.js';
import awsEcsTaskDefinitionLoggingConfigured from './aws/ecs/task-definition-logging-configured.js';
import awsEcsTaskDefinitionNoCredentialVariables from './aws/ecs/task-definition-no-credential-variables.js';
import awsEcsTaskDefinitionNoHostNetwork from './aws/ecs/task-definition-no-host-network.js';
import awsEcsTaskDefinitionNoHostPid from './aws/ecs/task-definition-no-host-pid.js';
import awsEcsTaskDefinitionNoPrivilegedContainers from './aws/ecs/task-definition-no-privileged-containers.js';
import awsEcsTaskDefinitionReadOnlyRoot from './aws/ecs/task-definition-read-only-root.js';
import awsEcsTaskSetNoPublicIp from './aws/ecs/task-set-no-public-ip.js';
import awsEfsFileSystemEncrypted from './aws/efs/file-system-encrypted.js';
import awsEksClusterAuditLogging from './aws/eks/cluster-audit-logging.js';
import awsEksClusterEndpointNotPublic from './aws/eks/cluster-endpoint-not-public.js';
import awsEksClusterSecretsEncrypted from './aws/eks/cluster-secrets-encrypted.js';
import awsEksClusterSupportedVersion from './aws/eks/cluster-supported-version.js';
import awsElbAccessLogsEnabled from './aws/elb/access-logs-enabled.js';
import awsElbListenersUseTls from './aws/elb/listeners-use-tls.js';
import awsElbv2AccessLogsEnabled from './aws/elbv2/access-logs-enabled.js';
import awsElbv2ListenersUseTls from './aws/elbv2/listeners-use-tls.js';
import awsElbv2TlsPolicyCurrent from './aws/elbv2/tls-policy-current.js';
import awsGuarddutyEc2RuntimeMonitoringEnabled from './aws/guardduty/ec2-runtime-monitoring-enabled.js';
import awsGuarddutyEcsRuntimeMonitoringEnabled from './aws/guardduty/ecs-runtime-monitoring-enabled.js';
import awsGuarddutyEksAuditLogsEnabled from './aws/guardduty/eks-audit-logs-enabled.js';
import awsGuarddutyEksRuntimeMonitoringEnabled from './aws/guardduty/eks-runtime-monitoring-enabled.js';
import awsGuarddutyEnabledInRegion from './aws/guardduty/enabled-in-region.js';
import awsGuarddutyLambdaProtectionEnabled from './aws/guardduty/lambda-protection-enabled.js';
import awsGuarddutyMalwareProtectionEnabled from './aws/guardduty/malware-protection-enabled.js';
import awsGuarddutyRdsProtectionEnabled from './aws/guardduty/rds-protection-enabled.js';
import awsGuarddutyRuntimeMonitoringEnabled from './aws/guardduty/runtime-monitoring-enabled.js';
import awsGuarddutyS3ProtectionEnabled from './aws/guardduty/s3-protection-enabled.js';
import awsIamAccessKeysRotated from './aws/iam/access-keys-rotated.js';
import awsIamCloudshellFullAccessRestricted from './aws/iam/cloudshell-full-access-restricted.js';
import awsIamConsoleUsersHaveMfa from './aws/iam/console-users-have-mfa.js';
import awsIamGroupInlinePoliciesNoKmsDecryptOnAllKeys from './aws/iam/group-inline-policies-no-kms-decrypt-on-all-keys.js';
import awsIamNoAccessKeysFromInitialSetup from './aws/iam/no-access-keys-from-initial-setup.js';
import awsIamNoExpiredServerCertificates from './aws/iam/no-expired-server-certificates.js';
import awsIamNoFullAdminPolicyAttached from './aws/iam/no-full-admin-policy-attached.js';
import awsIamOneActiveAccessKey from './aws/iam/one-active-access-key.js';
import awsIamPasswordPolicyMinLength from './aws/iam/password-policy-min-length.js';
import awsIamPasswordPolicyPreventsReuse from './aws/iam/password-policy-prevents-reuse.js';
import awsIamPasswordPolicyStrong from './aws/iam/password-policy-strong.js';
import awsIamPolicyNoKmsDecryptOnAllKeys from './aws/iam/policy-no-kms-decrypt-on-all-keys.js';
import awsIamPolicyNoWildcardServiceActions from './aws/iam/policy-no-wildcard-service-actions.js';
import awsIamRoleInlinePoliciesNoKmsDecryptOnAllKeys from './aws/iam/role-inline-policies-no-kms-decrypt-on-all-keys.js';
import awsIamRootAccountHardwareMfa from './aws/iam/root-account-hardware-mfa.js';
import awsIamRootAccountHasNoAccessKeys from './aws/iam/root-account-has-no-access-keys.js';
import awsIamRootAccountMfaEnabled from './aws/iam/root-account-mfa-enabled.js';
import awsIamRootAccountNotUsed from './aws/iam/root-account-not-used.js';
import awsIamSupportRoleExists from './aws/iam/support-role-exists.js';
import awsIamUnusedCredentialsDisabled from './aws/iam/unused-credentials-disabled.js';
import awsIamUserInlinePoliciesNoKmsDecryptOnAllKeys from './aws/iam/user-inline-policies-no-kms-decrypt-on-all-keys.js';
import awsIamUserPermissionsThroughGroups from './aws/iam/user-permissions-through-groups.js';
import awsInspector2Ec2ScanningEnabled from './aws/inspector2/ec2-scanning-enabled.js';
import awsInspector2EcrScanningEnabled from './aws/inspector2/ecr-scanning-enabled.js';
import awsInspector2EnabledInRegion from './aws/inspector2/enabled-in-region.js';
import awsInspector2LambdaCodeScanningEnabled from './aws/inspector2/lambda-code-scanning-enabled.js';
import awsInspector2LambdaScanningEnabled from './aws/inspector2/lambda-scanning-enabled.js';
import awsKinesisStreamEncrypted from './aws/kinesis/stream-encrypted.js';
import awsKinesisStreamEncryptedWithCmk from './aws/kinesis/stream-encrypted-with-cmk.js';
import awsKmsKeyNotPendingDeletion from './aws/kms/key-not-pending-deletion.js';
import awsKmsKeyNotPublic from './aws/kms/key-not-public.js';
import awsKmsKeyRotationEnabled from './aws/kms/key-rotation-enabled.js';
import awsLambdaFunctionInVpc from './aws/lambda/function-in-vpc.js';
import awsLambdaFunctionMultiAz from './aws/lambda/function-multi-az.js';
import awsLambdaFunctionNotPublic from './aws/lambda/function-not-public.js';
import awsLambdaFunctionRuntimeSupported from './aws/lambda/function-runtime-supported.js';
import awsLambdaFunctionXrayTracing from './aws/lambda/function-xray-tracing.js';
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
import awsSagemakerEndpointConfigMultipleInstances from './aws/sagemaker/endpoint-config-multiple-instances.js';
import awsSagemakerModelNetworkIsolation from './aws/sagemaker/model-network-isolation.js';
import awsSagemakerNotebookInVpc from './aws/sagemaker/notebook-in-vpc.js';
import awsSagemakerNotebookNoDirectInternet from './aws/sagemaker/notebook-no-direct-internet.js';
import awsSagemakerNotebookNoRootAccess from './aws/sagemaker/notebook-no-root-access.js';
import awsSagemakerNotebookSupportedPlatform from './aws/sagemaker/notebook-supported-platform.js';
import awsSecretsmanagerSecretEncryptedWithCmk from './aws/secretsmanager/secret-encrypted-with-cmk.js';
import awsSecretsmanagerSecretInUse from './aws/secretsmanager/secret-in-use.js';
import awsSecretsmanagerSecretRotatedRecently from './aws/secretsmanager/secret-rotated-recently.js';
import awsSecretsmanagerSecretRotationEnabled from './aws/secretsmanager/secret-rotation-enabled.js';
import awsSecretsmanagerSecretRotationSucceeds from './aws/secretsmanager/secret-rotation-succeeds.js';
import awsSecurityhubEnabledInRegion from './aws/securityhub/enabled-in-region.js';
import awsSnsTopicDeliveryStatusLogged from './aws/sns/topic-delivery-status-logged.js';
import awsSnsTopicEncryptedWithCmk from './aws/sns/topic-encrypted-with-cmk.js';
import awsSnsTopicEncryptedWithKms from './aws/sns/topic-encrypted-with-kms.js';
import awsSnsTopicNotPublic from './aws/sns/topic-not-public.js';
import awsSqsQueueEncryptedAtRest from './aws/sqs/queue-encrypted-at-rest.js';
import awsSqsQueueEncryptedWithCmk from './aws/sqs/queue-encrypted-with-cmk.js';
import awsSqsQueueNotPublic from './aws/sqs/queue-not-public.js';
import awsSsmAutomationLoggingEnabled from './aws/ssm/automation-logging-enabled.js';
import awsSsmDocumentNotPublic from './aws/ssm/document-not-public.js';
import awsSsmDocumentsPublicSharingBlocked from './aws/ssm/documents-public-sharing-blocked.js';
import awsSsmEc2InstancesManaged from './aws/ssm/ec2-instances-managed.js';
import awsSsmInstanceAssociationCompliant from './aws/ssm/instance-association-compliant.js';
import awsSsmInstancePatchCompliant from './aws/ssm/instance-patch-compliant.js';
import awsStatesStateMachineLoggingEnabled from './aws/states/state-machine-logging-enabled.js';
import awsStatesStateMachineXrayTracing from './aws/states/state-machine-xray-tracing.js';
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
  awsAccountSecurityContactRegistered,
  awsCloudtrailBucketAccessLoggingEnabled,
  awsCloudtrailBucketNotPublic,
  awsCloudtrailCloudwatchLogsIntegrated,
  awsCloudtrailLogFileValidationEnabled,
  awsCloudtrailLogsEncryptedWithKms,
  awsCloudtrailMultiRegionTrailLogging,
  awsCloudtrailS3ObjectReadsLogged,
  awsCloudtrailS3ObjectWritesLogged,
  awsCloudwatchAlarmActionsEnabled,
  awsCloudwatchAlarmHasActions,
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
  awsCodebuildProjectLoggingEnabled,
  awsCodebuildProjectNoPlaintextCredentials,
  awsCodebuildProjectS3LogsEncrypted,
  awsCodebuildProjectSourceNoCredentials,
  awsCodebuildReportGroupExportEncrypted,
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
  awsEcrRepositoryEncryptedWithCmk,
  awsEcrRepositoryLifecyclePolicy,
  awsEcrRepositoryScanOnPush,
  awsEcrRepositoryTagsImmutable,
  awsEcsClusterContainerInsights,
  awsEcsServiceFargateLatestPlatform,
  awsEcsServiceNoPublicIp,
  awsEcsTaskDefinitionHostNetworkNonRoot,
  awsEcsTaskDefinitionLoggingConfigured,
  awsEcsTaskDefinitionNoCredentialVariables,
  awsEcsTaskDefinitionNoHostNetwork,
  awsEcsTaskDefinitionNoHostPid,
  awsEcsTaskDefinitionNoPrivilegedContainers,
  awsEcsTaskDefinitionReadOnlyRoot,
  awsEcsTaskSetNoPublicIp,
  awsEfsFileSystemEncrypted,
  awsEksClusterAuditLogging,
  awsEksClusterEndpointNotPublic,
  awsEksClusterSecretsEncrypted,
  awsEksClusterSupportedVersion,
  awsElbAccessLogsEnabled,
  awsElbListenersUseTls,
  awsElbv2AccessLogsEnabled,
  awsElbv2ListenersUseTls,
  awsElbv2TlsPolicyCurrent,
  awsGuarddutyEc2RuntimeMonitoringEnabled,
  awsGuarddutyEcsRuntimeMonitoringEnabled,
  awsGuarddutyEksAuditLogsEnabled,
  awsGuarddutyEksRuntimeMonitoringEnabled,
  awsGuarddutyEnabledInRegion,
  awsGuarddutyLambdaProtectionEnabled,
  awsGuarddutyMalwareProtectionEnabled,
  awsGuarddutyRdsProtectionEnabled,
  awsGuarddutyRuntimeMonitoringEnabled,
  awsGuarddutyS3ProtectionEnabled,
  awsIamAccessKeysRotated,
  awsIamCloudshellFullAccessRestricted,
  awsIamConsoleUsersHaveMfa,
  awsIamGroupInlinePoliciesNoKmsDecryptOnAllKeys,
  awsIamNoAccessKeysFromInitialSetup,
  awsIamNoExpiredServerCertificates,
  awsIamNoFullAdminPolicyAttached,
  awsIamOneActiveAccessKey,
  awsIamPasswordPolicyMinLength,
  awsIamPasswordPolicyPreventsReuse,
  awsIamPasswordPolicyStrong,
  awsIamPolicyNoKmsDecryptOnAllKeys,
  awsIamPolicyNoWildcardServiceActions,
  awsIamRoleInlinePoliciesNoKmsDecryptOnAllKeys,
  awsIamRootAccountHardwareMfa,
  awsIamRootAccountHasNoAccessKeys,
  awsIamRootAccountMfaEnabled,
  awsIamRootAccountNotUsed,
  awsIamSupportRoleExists,
  awsIamUnusedCredentialsDisabled,
  awsIamUserInlinePoliciesNoKmsDecryptOnAllKeys,
  awsIamUserPermissionsThroughGroups,
  awsInspector2Ec2ScanningEnabled,
  awsInspector2EcrScanningEnabled,
  awsInspector2EnabledInRegion,
  awsInspector2LambdaCodeScanningEnabled,
  awsInspector2LambdaScanningEnabled,
  awsKinesisStreamEncrypted,
  awsKinesisStreamEncryptedWithCmk,
  awsKmsKeyNotPendingDeletion,
  awsKmsKeyNotPublic,
  awsKmsKeyRotationEnabled,
  awsLambdaFunctionInVpc,
  awsLambdaFunctionMultiAz,
  awsLambdaFunctionNotPublic,
  awsLambdaFunctionRuntimeSupported,
  awsLambdaFunctionXrayTracing,
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
  awsSagemakerEndpointConfigMultipleInstances,
  awsSagemakerModelNetworkIsolation,
  awsSagemakerNotebookInVpc,
  awsSagemakerNotebookNoDirectInternet,
  awsSagemakerNotebookNoRootAccess,
  awsSagemakerNotebookSupportedPlatform,
  awsSecretsmanagerSecretEncryptedWithCmk,
  awsSecretsmanagerSecretInUse,
  awsSecretsmanagerSecretRotatedRecently,
  awsSecretsmanagerSecretRotationEnabled,
  awsSecretsmanagerSecretRotationSucceeds,
  awsSecurityhubEnabledInRegion,
  awsSnsTopicDeliveryStatusLogged,
  awsSnsTopicEncryptedWithCmk,
  awsSnsTopicEncryptedWithKms,
  awsSnsTopicNotPublic,
  awsSqsQueueEncryptedAtRest,
  awsSqsQueueEncryptedWithCmk,
  awsSqsQueueNotPublic,
  awsSsmAutomationLoggingEnabled,
  awsSsmDocumentNotPublic,
  awsSsmDocumentsPublicSharingBlocked,
  awsSsmEc2InstancesManaged,
  awsSsmInstanceAssociationCompliant,
  awsSsmInstancePatchCompliant,
  awsStatesStateMachineLoggingEnabled,
  awsStatesStateMachineXrayTracing,
];

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
