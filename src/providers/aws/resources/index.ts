import type { Normaliser } from '../../../core/provider.js';
import type { Collector } from '../collector.js';
import { DEFAULT_PACING, type Pacing } from '../limiter.js';
import type { AwsResource } from '../resource.js';
import accessanalyzerAnalyzers from './accessanalyzer-analyzers.js';
import accessanalyzerFinding from './accessanalyzer-finding.js';
import accountSecurityContact from './account-security-contact.js';
import acmCertificate from './acm-certificate.js';
import apigatewayStage from './apigateway-stage.js';
import apigatewayv2Route from './apigatewayv2-route.js';
import apigatewayv2Stage from './apigatewayv2-stage.js';
import autoscalingGroup from './autoscaling-group.js';
import autoscalingLaunchConfiguration from './autoscaling-launch-configuration.js';
import cloudfrontDistribution from './cloudfront-distribution.js';
import cloudtrailTrail from './cloudtrail-trail.js';
import cloudwatchAlarm from './cloudwatch-alarm.js';
import codebuildProject from './codebuild-project.js';
import codebuildReportGroup from './codebuild-report-group.js';
import configRecorders from './config-recorders.js';
import dynamodbTable from './dynamodb-table.js';
import ec2ClientVpnEndpoint from './ec2-client-vpn-endpoint.js';
import ec2EbsEncryptionDefault from './ec2-ebs-encryption-default.js';
import ec2Instance from './ec2-instance.js';
import ec2LaunchTemplate from './ec2-launch-template.js';
import ec2NetworkAcl from './ec2-network-acl.js';
import ec2NetworkInterface from './ec2-network-interface.js';
import ec2SecurityGroup from './ec2-security-group.js';
import ec2Snapshot from './ec2-snapshot.js';
import ec2SnapshotBlockPublicAccess from './ec2-snapshot-block-public-access.js';
import ec2SpotFleetRequest from './ec2-spot-fleet-request.js';
import ec2Subnet from './ec2-subnet.js';
import ec2TransitGateway from './ec2-transit-gateway.js';
import ec2Volume from './ec2-volume.js';
import ec2Vpc from './ec2-vpc.js';
import ec2VpcBlockPublicAccess from './ec2-vpc-block-public-access.js';
import ec2VpnConnection from './ec2-vpn-connection.js';
import ecrRepository from './ecr-repository.js';
import ecsCluster from './ecs-cluster.js';
import ecsService from './ecs-service.js';
import ecsTaskDefinition from './ecs-task-definition.js';
import efsFileSystem from './efs-file-system.js';
import eksCluster from './eks-cluster.js';
import elasticacheCacheCluster from './elasticache-cache-cluster.js';
import elasticacheReplicationGroup from './elasticache-replication-group.js';
import elbLoadBalancer from './elb-load-balancer.js';
import elbv2LoadBalancer from './elbv2-load-balancer.js';
import guarddutyDetectors from './guardduty-detectors.js';
import guarddutyFinding from './guardduty-finding.js';
import iamAccountSummary from './iam-account-summary.js';
import iamCredentialReport from './iam-credential-report.js';
import iamGroup from './iam-group.js';
import iamPasswordPolicy from './iam-password-policy.js';
import iamPolicy from './iam-policy.js';
import iamRole from './iam-role.js';
import iamServerCertificate from './iam-server-certificate.js';
import iamSupportAccess from './iam-support-access.js';
import iamUser from './iam-user.js';
import iamVirtualMfaDevice from './iam-virtual-mfa-device.js';
import inspector2AccountStatus from './inspector2-account-status.js';
import inspector2Finding from './inspector2-finding.js';
import kinesisStream from './kinesis-stream.js';
import kmsKey from './kms-key.js';
import lambdaFunction from './lambda-function.js';
import logsLogGroup from './logs-log-group.js';
import logsMetricFilter from './logs-metric-filter.js';
import networkFirewallFirewall from './network-firewall-firewall.js';
import networkFirewallPolicy from './network-firewall-policy.js';
import networkFirewallRuleGroup from './network-firewall-rule-group.js';
import opensearchDomain from './opensearch-domain.js';
import rdsDbCluster from './rds-db-cluster.js';
import rdsDbClusterSnapshot from './rds-db-cluster-snapshot.js';
import rdsDbInstance from './rds-db-instance.js';
import rdsDbSnapshot from './rds-db-snapshot.js';
import rdsEventSubscription from './rds-event-subscription.js';
import redshiftCluster from './redshift-cluster.js';
import s3AccountPublicAccessBlock from './s3-account-public-access-block.js';
import s3Bucket from './s3-bucket.js';
import sagemakerEndpointConfig from './sagemaker-endpoint-config.js';
import sagemakerModel from './sagemaker-model.js';
import sagemakerNotebookInstance from './sagemaker-notebook-instance.js';
import secretsmanagerSecret from './secretsmanager-secret.js';
import securityhubFinding from './securityhub-finding.js';
import securityhubHub from './securityhub-hub.js';
import sfnStateMachine from './sfn-state-machine.js';
import snsSubscription from './sns-subscription.js';
import snsTopic from './sns-topic.js';
import sqsQueue from './sqs-queue.js';
import ssmDocument from './ssm-document.js';
import ssmManagedInstance from './ssm-managed-instance.js';
import ssmServiceSettings from './ssm-service-settings.js';
import wafv2WebAcl from './wafv2-web-acl.js';

/** Every AWS resource type, in the order their collections are reported. Add a new type here. */
export const AWS_RESOURCES: readonly AwsResource[] = [
  ec2SecurityGroup,
  ec2Instance,
  ec2Volume,
  ec2EbsEncryptionDefault,
  ec2Vpc,
  ec2NetworkAcl,
  ec2Subnet,
  ec2Snapshot,
  ec2SnapshotBlockPublicAccess,
  ec2VpcBlockPublicAccess,
  ec2TransitGateway,
  ec2ClientVpnEndpoint,
  ec2VpnConnection,
  ec2NetworkInterface,
  ec2LaunchTemplate,
  ec2SpotFleetRequest,
  s3Bucket,
  s3AccountPublicAccessBlock,
  rdsDbInstance,
  rdsDbCluster,
  rdsDbSnapshot,
  rdsDbClusterSnapshot,
  rdsEventSubscription,
  logsLogGroup,
  logsMetricFilter,
  cloudfrontDistribution,
  apigatewayStage,
  apigatewayv2Stage,
  apigatewayv2Route,
  iamCredentialReport,
  iamPasswordPolicy,
  iamAccountSummary,
  iamUser,
  iamGroup,
  iamRole,
  iamPolicy,
  iamSupportAccess,
  iamServerCertificate,
  iamVirtualMfaDevice,
  cloudtrailTrail,
  configRecorders,
  cloudwatchAlarm,
  snsSubscription,
  kmsKey,
  securityhubHub,
  guarddutyDetectors,
  accessanalyzerAnalyzers,
  inspector2AccountStatus,
  efsFileSystem,
  elbv2LoadBalancer,
  elbLoadBalancer,
  acmCertificate,
  wafv2WebAcl,
  autoscalingGroup,
  autoscalingLaunchConfiguration,
  networkFirewallFirewall,
  networkFirewallPolicy,
  networkFirewallRuleGroup,
  ecrRepository,
  lambdaFunction,
  secretsmanagerSecret,
  sqsQueue,
  snsTopic,
  ecsCluster,
  ecsService,
  ecsTaskDefinition,
  eksCluster,
  accountSecurityContact,
  ssmDocument,
  ssmManagedInstance,
  sfnStateMachine,
  codebuildProject,
  kinesisStream,
  sagemakerNotebookInstance,
  sagemakerEndpointConfig,
  sagemakerModel,
  codebuildReportGroup,
  dynamodbTable,
  redshiftCluster,
  elasticacheReplicationGroup,
  elasticacheCacheCluster,
  ssmServiceSettings,
  opensearchDomain,
  guarddutyFinding,
  securityhubFinding,
  inspector2Finding,
  accessanalyzerFinding,
];

/** Every AWS collector, in the order their results are reported. */
export const AWS_COLLECTORS: readonly Collector[] = AWS_RESOURCES.map((r) => r.collector);

export const AWS_NORMALISERS: readonly Normaliser[] = AWS_RESOURCES.map((r) => r.normaliser);

/** The request budgets: the shared table, and those resource modules declare for other services. */
export const AWS_PACING: Readonly<Record<string, Pacing>> = {
  ...Object.fromEntries(
    AWS_RESOURCES.flatMap((r) => (r.pacing ? [[r.collector.rateScope, r.pacing] as const] : [])),
  ),
  ...DEFAULT_PACING,
};

const BY_TYPE = new Map(AWS_RESOURCES.map((r) => [r.collector.type, r]));

export function awsResource(type: string): AwsResource | undefined {
  return BY_TYPE.get(type);
}

const ASFF_TYPES = new Map(AWS_RESOURCES.flatMap((r) => Object.entries(r.exports?.asff ?? {})));

/** The AWS Security Finding Format resource type of a record type, when one is declared. */
export function asffResourceType(recordType: string): string | undefined {
  return ASFF_TYPES.get(recordType);
}
