import {
  CloudTrailClient,
  GetTrailCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DisableEbsEncryptionByDefaultCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  GetEbsEncryptionByDefaultCommand,
  ModifyNetworkInterfaceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateDetectorCommand,
  DeleteDetectorCommand,
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import { IAMClient, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import {
  DeleteBucketEncryptionCommand,
  DeletePublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  GetPublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DeletePublicAccessBlockCommand as DeleteAccountPublicAccessBlockCommand,
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ClientCtor, SdkClient } from '../clients.js';

/**
 * The API calls remediation actions may make, each with its SDK client and command and the IAM
 * permission it needs (which is not always the operation's name: S3's PutPublicAccessBlock is
 * s3:PutBucketPublicAccessBlock). An action names calls by `<service>:<Operation>`; a call not
 * listed here cannot be planned, and the write clients refuse any write not listed here.
 */
export interface AwsCommandEntry {
  client: ClientCtor<SdkClient & { send(c: unknown): Promise<unknown> }>;
  command: new (input: Record<string, unknown>) => unknown;
  /** the IAM action that allows the call */
  permission: string;
  /** the service the call's client is counted and guarded under */
  service: string;
}

const c = (client: unknown, command: unknown, service: string, permission: string): AwsCommandEntry => ({
  client: client as AwsCommandEntry['client'],
  command: command as AwsCommandEntry['command'],
  service,
  permission,
});

export const AWS_ACTION_COMMANDS: Readonly<Record<string, AwsCommandEntry>> = {
  'sts:GetCallerIdentity': c(STSClient, GetCallerIdentityCommand, 'sts', 'sts:GetCallerIdentity'),
  'ec2:DescribeSecurityGroups': c(
    EC2Client,
    DescribeSecurityGroupsCommand,
    'ec2',
    'ec2:DescribeSecurityGroups',
  ),
  'ec2:DescribeInstances': c(EC2Client, DescribeInstancesCommand, 'ec2', 'ec2:DescribeInstances'),
  'ec2:GetEbsEncryptionByDefault': c(
    EC2Client,
    GetEbsEncryptionByDefaultCommand,
    'ec2',
    'ec2:GetEbsEncryptionByDefault',
  ),
  'ec2:RevokeSecurityGroupIngress': c(
    EC2Client,
    RevokeSecurityGroupIngressCommand,
    'ec2',
    'ec2:RevokeSecurityGroupIngress',
  ),
  'ec2:AuthorizeSecurityGroupIngress': c(
    EC2Client,
    AuthorizeSecurityGroupIngressCommand,
    'ec2',
    'ec2:AuthorizeSecurityGroupIngress',
  ),
  'ec2:CreateSecurityGroup': c(EC2Client, CreateSecurityGroupCommand, 'ec2', 'ec2:CreateSecurityGroup'),
  'ec2:RevokeSecurityGroupEgress': c(
    EC2Client,
    RevokeSecurityGroupEgressCommand,
    'ec2',
    'ec2:RevokeSecurityGroupEgress',
  ),
  'ec2:ModifyNetworkInterfaceAttribute': c(
    EC2Client,
    ModifyNetworkInterfaceAttributeCommand,
    'ec2',
    'ec2:ModifyNetworkInterfaceAttribute',
  ),
  'ec2:CreateSnapshot': c(EC2Client, CreateSnapshotCommand, 'ec2', 'ec2:CreateSnapshot'),
  'ec2:CreateTags': c(EC2Client, CreateTagsCommand, 'ec2', 'ec2:CreateTags'),
  'ec2:DeleteTags': c(EC2Client, DeleteTagsCommand, 'ec2', 'ec2:DeleteTags'),
  'ec2:EnableEbsEncryptionByDefault': c(
    EC2Client,
    EnableEbsEncryptionByDefaultCommand,
    'ec2',
    'ec2:EnableEbsEncryptionByDefault',
  ),
  'ec2:DisableEbsEncryptionByDefault': c(
    EC2Client,
    DisableEbsEncryptionByDefaultCommand,
    'ec2',
    'ec2:DisableEbsEncryptionByDefault',
  ),
  's3:GetPublicAccessBlock': c(S3Client, GetPublicAccessBlockCommand, 's3', 's3:GetBucketPublicAccessBlock'),
  's3:PutPublicAccessBlock': c(S3Client, PutPublicAccessBlockCommand, 's3', 's3:PutBucketPublicAccessBlock'),
  's3:DeletePublicAccessBlock': c(
    S3Client,
    DeletePublicAccessBlockCommand,
    's3',
    's3:PutBucketPublicAccessBlock',
  ),
  's3:GetBucketEncryption': c(S3Client, GetBucketEncryptionCommand, 's3', 's3:GetEncryptionConfiguration'),
  's3:PutBucketEncryption': c(S3Client, PutBucketEncryptionCommand, 's3', 's3:PutEncryptionConfiguration'),
  's3:DeleteBucketEncryption': c(
    S3Client,
    DeleteBucketEncryptionCommand,
    's3',
    's3:PutEncryptionConfiguration',
  ),
  's3control:GetPublicAccessBlock': c(
    S3ControlClient,
    GetAccountPublicAccessBlockCommand,
    's3',
    's3:GetAccountPublicAccessBlock',
  ),
  's3control:PutPublicAccessBlock': c(
    S3ControlClient,
    PutAccountPublicAccessBlockCommand,
    's3',
    's3:PutAccountPublicAccessBlock',
  ),
  's3control:DeletePublicAccessBlock': c(
    S3ControlClient,
    DeleteAccountPublicAccessBlockCommand,
    's3',
    's3:PutAccountPublicAccessBlock',
  ),
  'iam:ListAccessKeys': c(IAMClient, ListAccessKeysCommand, 'iam', 'iam:ListAccessKeys'),
  'iam:UpdateAccessKey': c(IAMClient, UpdateAccessKeyCommand, 'iam', 'iam:UpdateAccessKey'),
  'cloudtrail:GetTrail': c(CloudTrailClient, GetTrailCommand, 'cloudtrail', 'cloudtrail:GetTrail'),
  'cloudtrail:GetTrailStatus': c(
    CloudTrailClient,
    GetTrailStatusCommand,
    'cloudtrail',
    'cloudtrail:GetTrailStatus',
  ),
  'cloudtrail:StartLogging': c(
    CloudTrailClient,
    StartLoggingCommand,
    'cloudtrail',
    'cloudtrail:StartLogging',
  ),
  'cloudtrail:StopLogging': c(CloudTrailClient, StopLoggingCommand, 'cloudtrail', 'cloudtrail:StopLogging'),
  'cloudtrail:UpdateTrail': c(CloudTrailClient, UpdateTrailCommand, 'cloudtrail', 'cloudtrail:UpdateTrail'),
  'guardduty:ListDetectors': c(GuardDutyClient, ListDetectorsCommand, 'guardduty', 'guardduty:ListDetectors'),
  'guardduty:GetDetector': c(GuardDutyClient, GetDetectorCommand, 'guardduty', 'guardduty:GetDetector'),
  'guardduty:CreateDetector': c(
    GuardDutyClient,
    CreateDetectorCommand,
    'guardduty',
    'guardduty:CreateDetector',
  ),
  'guardduty:UpdateDetector': c(
    GuardDutyClient,
    UpdateDetectorCommand,
    'guardduty',
    'guardduty:UpdateDetector',
  ),
  'guardduty:DeleteDetector': c(
    GuardDutyClient,
    DeleteDetectorCommand,
    'guardduty',
    'guardduty:DeleteDetector',
  ),
};

export function commandOf(action: string): AwsCommandEntry {
  const e = AWS_ACTION_COMMANDS[action];
  if (!e) throw new Error(`no remediation command ${action}`);
  return e;
}
