import type { AnyCheck } from '../core/check.js';
import awsAccessanalyzerEnabledInRegion from './aws/accessanalyzer/enabled-in-region.js';
import awsAcmCertificateRenewed from './aws/acm/certificate-renewed.js';
import awsAcmRsaKeyLength from './aws/acm/rsa-key-length.js';
import awsApigatewayStageCacheEncrypted from './aws/apigateway/stage-cache-encrypted.js';
import awsApigatewayStageClientCertificate from './aws/apigateway/stage-client-certificate.js';
import awsApigatewayStageExecutionLogging from './aws/apigateway/stage-execution-logging.js';
import awsApigatewayStageWafAssociated from './aws/apigateway/stage-waf-associated.js';
import awsApigatewayStageXrayTracing from './aws/apigateway/stage-xray-tracing.js';
import awsApigatewayv2RouteAuthorization from './aws/apigatewayv2/route-authorization.js';
import awsApigatewayv2StageAccessLogging from './aws/apigatewayv2/stage-access-logging.js';
import awsApigatewayv2WebsocketExecutionLogging from './aws/apigatewayv2/websocket-execution-logging.js';
import awsAutoscalingGroupElbHealthCheck from './aws/autoscaling/group-elb-health-check.js';
import awsAutoscalingGroupMultiAz from './aws/autoscaling/group-multi-az.js';
import awsAutoscalingGroupMultipleInstanceTypes from './aws/autoscaling/group-multiple-instance-types.js';
import awsAutoscalingGroupUsesLaunchTemplate from './aws/autoscaling/group-uses-launch-template.js';
import awsAutoscalingLaunchConfigurationImdsv2Required from './aws/autoscaling/launch-configuration-imdsv2-required.js';
import awsAutoscalingLaunchConfigurationNoPublicIp from './aws/autoscaling/launch-configuration-no-public-ip.js';
import awsCloudfrontCustomCertificate from './aws/cloudfront/custom-certificate.js';
import awsCloudfrontDefaultRootObject from './aws/cloudfront/default-root-object.js';
import awsCloudfrontLambdaUrlOriginAccessControl from './aws/cloudfront/lambda-url-origin-access-control.js';
import awsCloudfrontLoggingEnabled from './aws/cloudfront/logging-enabled.js';
import awsCloudfrontOriginFailover from './aws/cloudfront/origin-failover.js';
import awsCloudfrontOriginHttpsRequired from './aws/cloudfront/origin-https-required.js';
import awsCloudfrontOriginNoDeprecatedSsl from './aws/cloudfront/origin-no-deprecated-ssl.js';
import awsCloudfrontRecommendedTlsPolicy from './aws/cloudfront/recommended-tls-policy.js';
import awsCloudfrontS3OriginAccessControl from './aws/cloudfront/s3-origin-access-control.js';
import awsCloudfrontSniEnabled from './aws/cloudfront/sni-enabled.js';
import awsCloudfrontViewerHttpsRequired from './aws/cloudfront/viewer-https-required.js';
import awsCloudfrontWafEnabled from './aws/cloudfront/waf-enabled.js';
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
import awsEc2AttachedVolumeEncrypted from './aws/ec2/attached-volume-encrypted.js';
import awsEc2ClientVpnConnectionLogging from './aws/ec2/client-vpn-connection-logging.js';
import awsEc2DefaultSecurityGroupRestrictsAll from './aws/ec2/default-security-group-restricts-all.js';
import awsEc2EbsEncryptionByDefault from './aws/ec2/ebs-encryption-by-default.js';
import awsEc2InstanceImdsv2Required from './aws/ec2/instance-imdsv2-required.js';
import awsEc2InstanceNoPublicIp from './aws/ec2/instance-no-public-ip.js';
import awsEc2InstanceNotParavirtual from './aws/ec2/instance-not-paravirtual.js';
import awsEc2InstanceSingleEni from './aws/ec2/instance-single-eni.js';
import awsEc2InstanceUsesIamRole from './aws/ec2/instance-uses-iam-role.js';
import awsEc2LaunchTemplateEbsEncrypted from './aws/ec2/launch-template-ebs-encrypted.js';
import awsEc2LaunchTemplateImdsv2Required from './aws/ec2/launch-template-imdsv2-required.js';
import awsEc2LaunchTemplateNoPublicIp from './aws/ec2/launch-template-no-public-ip.js';
import awsEc2NetworkAclInUse from './aws/ec2/network-acl-in-use.js';
import awsEc2NetworkAclNoAdminPortsFromInternet from './aws/ec2/network-acl-no-admin-ports-from-internet.js';
import awsEc2NetworkInterfaceSourceDestCheck from './aws/ec2/network-interface-source-dest-check.js';
import awsEc2NoAdminPortsFromIpv4Internet from './aws/ec2/no-admin-ports-from-ipv4-internet.js';
import awsEc2NoAdminPortsFromIpv6Internet from './aws/ec2/no-admin-ports-from-ipv6-internet.js';
import awsEc2NoCifsFromInternet from './aws/ec2/no-cifs-from-internet.js';
import awsEc2NoHighRiskPortsFromInternet from './aws/ec2/no-high-risk-ports-from-internet.js';
import awsEc2SnapshotBlockPublicAccess from './aws/ec2/snapshot-block-public-access.js';
import awsEc2SnapshotNotPublic from './aws/ec2/snapshot-not-public.js';
import awsEc2SpotFleetEbsEncrypted from './aws/ec2/spot-fleet-ebs-encrypted.js';
import awsEc2StoppedInstanceRemoved from './aws/ec2/stopped-instance-removed.js';
import awsEc2SubnetNoAutoPublicIp from './aws/ec2/subnet-no-auto-public-ip.js';
import awsEc2TransitGatewayNoAutoAccept from './aws/ec2/transit-gateway-no-auto-accept.js';
import awsEc2UnrestrictedIngressAuthorizedPortsOnly from './aws/ec2/unrestricted-ingress-authorized-ports-only.js';
import awsEc2VpcBlockPublicAccess from './aws/ec2/vpc-block-public-access.js';
import awsEc2VpcEndpointEc2 from './aws/ec2/vpc-endpoint-ec2.js';
import awsEc2VpcEndpointEcrApi from './aws/ec2/vpc-endpoint-ecr-api.js';
import awsEc2VpcEndpointEcrDkr from './aws/ec2/vpc-endpoint-ecr-dkr.js';
import awsEc2VpcEndpointSsm from './aws/ec2/vpc-endpoint-ssm.js';
import awsEc2VpcEndpointSsmContacts from './aws/ec2/vpc-endpoint-ssm-contacts.js';
import awsEc2VpcEndpointSsmIncidents from './aws/ec2/vpc-endpoint-ssm-incidents.js';
import awsEc2VpcFlowLogsEnabled from './aws/ec2/vpc-flow-logs-enabled.js';
import awsEc2VpnTunnelLoggingEnabled from './aws/ec2/vpn-tunnel-logging-enabled.js';
import awsEc2VpnTunnelsUp from './aws/ec2/vpn-tunnels-up.js';
import awsEcrRepositoryScanOnPush from './aws/ecr/repository-scan-on-push.js';
import awsEcrRepositoryTagsImmutable from './aws/ecr/repository-tags-immutable.js';
import awsEfsFileSystemEncrypted from './aws/efs/file-system-encrypted.js';
import awsElbAccessLogsEnabled from './aws/elb/access-logs-enabled.js';
import awsElbAcmCertificate from './aws/elb/acm-certificate.js';
import awsElbConnectionDrainingEnabled from './aws/elb/connection-draining-enabled.js';
import awsElbCrossZoneLoadBalancing from './aws/elb/cross-zone-load-balancing.js';
import awsElbDesyncMitigationMode from './aws/elb/desync-mitigation-mode.js';
import awsElbListenersUseTls from './aws/elb/listeners-use-tls.js';
import awsElbMultiAz from './aws/elb/multi-az.js';
import awsElbPredefinedTlsPolicy from './aws/elb/predefined-tls-policy.js';
import awsElbv2AccessLogsEnabled from './aws/elbv2/access-logs-enabled.js';
import awsElbv2DeletionProtectionEnabled from './aws/elbv2/deletion-protection-enabled.js';
import awsElbv2DesyncMitigationMode from './aws/elbv2/desync-mitigation-mode.js';
import awsElbv2DropInvalidHeaderFields from './aws/elbv2/drop-invalid-header-fields.js';
import awsElbv2ListenersUseTls from './aws/elbv2/listeners-use-tls.js';
import awsElbv2MultiAz from './aws/elbv2/multi-az.js';
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
import awsNetworkFirewallFirewallDeletionProtection from './aws/network_firewall/firewall-deletion-protection.js';
import awsNetworkFirewallFirewallLoggingEnabled from './aws/network_firewall/firewall-logging-enabled.js';
import awsNetworkFirewallFirewallMultiAz from './aws/network_firewall/firewall-multi-az.js';
import awsNetworkFirewallFirewallSubnetChangeProtection from './aws/network_firewall/firewall-subnet-change-protection.js';
import awsNetworkFirewallPolicyHasRuleGroups from './aws/network_firewall/policy-has-rule-groups.js';
import awsNetworkFirewallPolicyStatelessDefaultDrop from './aws/network_firewall/policy-stateless-default-drop.js';
import awsNetworkFirewallPolicyStatelessFragmentDefaultDrop from './aws/network_firewall/policy-stateless-fragment-default-drop.js';
import awsNetworkFirewallStatelessRuleGroupNotEmpty from './aws/network_firewall/stateless-rule-group-not-empty.js';
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
import awsWafv2RuleMetricsEnabled from './aws/wafv2/rule-metrics-enabled.js';
import awsWafv2WebAclHasRules from './aws/wafv2/web-acl-has-rules.js';
import awsWafv2WebAclLoggingEnabled from './aws/wafv2/web-acl-logging-enabled.js';
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
  awsAcmCertificateRenewed,
  awsAcmRsaKeyLength,
  awsApigatewayStageCacheEncrypted,
  awsApigatewayStageClientCertificate,
  awsApigatewayStageExecutionLogging,
  awsApigatewayStageWafAssociated,
  awsApigatewayStageXrayTracing,
  awsApigatewayv2RouteAuthorization,
  awsApigatewayv2StageAccessLogging,
  awsApigatewayv2WebsocketExecutionLogging,
  awsAutoscalingGroupElbHealthCheck,
  awsAutoscalingGroupMultiAz,
  awsAutoscalingGroupMultipleInstanceTypes,
  awsAutoscalingGroupUsesLaunchTemplate,
  awsAutoscalingLaunchConfigurationImdsv2Required,
  awsAutoscalingLaunchConfigurationNoPublicIp,
  awsCloudfrontCustomCertificate,
  awsCloudfrontDefaultRootObject,
  awsCloudfrontLambdaUrlOriginAccessControl,
  awsCloudfrontLoggingEnabled,
  awsCloudfrontOriginFailover,
  awsCloudfrontOriginHttpsRequired,
  awsCloudfrontOriginNoDeprecatedSsl,
  awsCloudfrontRecommendedTlsPolicy,
  awsCloudfrontS3OriginAccessControl,
  awsCloudfrontSniEnabled,
  awsCloudfrontViewerHttpsRequired,
  awsCloudfrontWafEnabled,
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
  awsEc2AttachedVolumeEncrypted,
  awsEc2ClientVpnConnectionLogging,
  awsEc2DefaultSecurityGroupRestrictsAll,
  awsEc2EbsEncryptionByDefault,
  awsEc2InstanceImdsv2Required,
  awsEc2InstanceNoPublicIp,
  awsEc2InstanceNotParavirtual,
  awsEc2InstanceSingleEni,
  awsEc2InstanceUsesIamRole,
  awsEc2LaunchTemplateEbsEncrypted,
  awsEc2LaunchTemplateImdsv2Required,
  awsEc2LaunchTemplateNoPublicIp,
  awsEc2NetworkAclInUse,
  awsEc2NetworkAclNoAdminPortsFromInternet,
  awsEc2NetworkInterfaceSourceDestCheck,
  awsEc2NoAdminPortsFromIpv4Internet,
  awsEc2NoAdminPortsFromIpv6Internet,
  awsEc2NoCifsFromInternet,
  awsEc2NoHighRiskPortsFromInternet,
  awsEc2SnapshotBlockPublicAccess,
  awsEc2SnapshotNotPublic,
  awsEc2SpotFleetEbsEncrypted,
  awsEc2StoppedInstanceRemoved,
  awsEc2SubnetNoAutoPublicIp,
  awsEc2TransitGatewayNoAutoAccept,
  awsEc2UnrestrictedIngressAuthorizedPortsOnly,
  awsEc2VpcBlockPublicAccess,
  awsEc2VpcEndpointEc2,
  awsEc2VpcEndpointEcrApi,
  awsEc2VpcEndpointEcrDkr,
  awsEc2VpcEndpointSsm,
  awsEc2VpcEndpointSsmContacts,
  awsEc2VpcEndpointSsmIncidents,
  awsEc2VpcFlowLogsEnabled,
  awsEc2VpnTunnelLoggingEnabled,
  awsEc2VpnTunnelsUp,
  awsEcrRepositoryScanOnPush,
  awsEcrRepositoryTagsImmutable,
  awsEfsFileSystemEncrypted,
  awsElbAccessLogsEnabled,
  awsElbAcmCertificate,
  awsElbConnectionDrainingEnabled,
  awsElbCrossZoneLoadBalancing,
  awsElbDesyncMitigationMode,
  awsElbListenersUseTls,
  awsElbMultiAz,
  awsElbPredefinedTlsPolicy,
  awsElbv2AccessLogsEnabled,
  awsElbv2DeletionProtectionEnabled,
  awsElbv2DesyncMitigationMode,
  awsElbv2DropInvalidHeaderFields,
  awsElbv2ListenersUseTls,
  awsElbv2MultiAz,
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
  awsNetworkFirewallFirewallDeletionProtection,
  awsNetworkFirewallFirewallLoggingEnabled,
  awsNetworkFirewallFirewallMultiAz,
  awsNetworkFirewallFirewallSubnetChangeProtection,
  awsNetworkFirewallPolicyHasRuleGroups,
  awsNetworkFirewallPolicyStatelessDefaultDrop,
  awsNetworkFirewallPolicyStatelessFragmentDefaultDrop,
  awsNetworkFirewallStatelessRuleGroupNotEmpty,
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
  awsWafv2RuleMetricsEnabled,
  awsWafv2WebAclHasRules,
  awsWafv2WebAclLoggingEnabled,
];

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
