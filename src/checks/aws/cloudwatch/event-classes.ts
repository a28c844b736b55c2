/**
 * The CloudTrail event classes of the CIS AWS Foundations monitoring controls, as sample
 * events. A metric filter monitors a class when it matches every sample of the class, and it
 * must not match the routine events below (a filter that matches everything alerts on nothing
 * useful). The event names are the ones the benchmark's audit procedures list.
 */

type Json = Record<string, unknown>;

const USER = {
  type: 'IAMUser',
  principalId: 'AIDA00000000000000001',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
  accessKeyId: 'AKIA00000000EXAMPLE1',
  userName: 'alice',
};

/** A management API call as CloudTrail records it. */
export function apiCall(eventSource: string, eventName: string, over: Json = {}): Json {
  return {
    eventVersion: '1.09',
    userIdentity: USER,
    eventTime: '2025-03-03T10:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: {},
    responseElements: null,
    requestID: '00000000-0000-4000-8000-000000000001',
    eventID: '00000000-0000-4000-8000-000000000002',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...over,
  };
}

function consoleLogin(over: Json): Json {
  return apiCall('signin.amazonaws.com', 'ConsoleLogin', {
    eventType: 'AwsConsoleSignIn',
    userAgent: 'Mozilla/5.0',
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: 'No',
    },
    responseElements: { ConsoleLogin: 'Success' },
    ...over,
  });
}

const many = (source: string, names: string[]) => names.map((n) => apiCall(source, n));

export interface EventClass {
  /** what is monitored, for messages: "unauthorized API calls" */
  what: string;
  samples: Json[];
}

export const EVENT_CLASSES = {
  unauthorized_api_calls: {
    what: 'unauthorized API calls',
    samples: [
      apiCall('ec2.amazonaws.com', 'RunInstances', {
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: 'You are not authorized',
      }),
      apiCall('s3.amazonaws.com', 'GetObject', {
        errorCode: 'AccessDenied',
        errorMessage: 'Access Denied',
        readOnly: true,
      }),
      apiCall('iam.amazonaws.com', 'ListUsers', { errorCode: 'AccessDeniedException', readOnly: true }),
    ],
  },
  console_signin_without_mfa: {
    what: 'console sign-in without MFA',
    samples: [consoleLogin({})],
  },
  root_usage: {
    what: "use of the 'root' user",
    samples: [
      apiCall('iam.amazonaws.com', 'CreateAccessKey', {
        userIdentity: {
          type: 'Root',
          principalId: '111122223333',
          arn: 'arn:aws:iam::111122223333:root',
          accountId: '111122223333',
        },
      }),
      consoleLogin({
        userIdentity: {
          type: 'Root',
          principalId: '111122223333',
          arn: 'arn:aws:iam::111122223333:root',
          accountId: '111122223333',
        },
        additionalEventData: { MFAUsed: 'Yes' },
      }),
    ],
  },
  iam_policy_changes: {
    what: 'IAM policy changes',
    samples: many('iam.amazonaws.com', [
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]),
  },
  cloudtrail_changes: {
    what: 'CloudTrail configuration changes',
    samples: many('cloudtrail.amazonaws.com', [
      'CreateTrail',
      'UpdateTrail',
      'DeleteTrail',
      'StartLogging',
      'StopLogging',
    ]),
  },
  console_auth_failures: {
    what: 'console authentication failures',
    samples: [
      consoleLogin({
        errorMessage: 'Failed authentication',
        responseElements: { ConsoleLogin: 'Failure' },
      }),
      // a wrong MFA code after a correct password
      consoleLogin({
        errorMessage: 'Failed authentication',
        responseElements: { ConsoleLogin: 'Failure' },
        additionalEventData: { MFAUsed: 'Yes' },
      }),
    ],
  },
  cmk_disable_or_deletion: {
    what: 'disabling or scheduled deletion of customer managed keys',
    samples: many('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
  },
  s3_bucket_policy_changes: {
    what: 'S3 bucket policy changes',
    samples: many('s3.amazonaws.com', [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ]),
  },
  config_changes: {
    what: 'AWS Config configuration changes',
    samples: many('config.amazonaws.com', [
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ]),
  },
  security_group_changes: {
    what: 'security group changes',
    samples: many('ec2.amazonaws.com', [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ]),
  },
  nacl_changes: {
    what: 'network ACL changes',
    samples: many('ec2.amazonaws.com', [
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
  },
  network_gateway_changes: {
    what: 'network gateway changes',
    samples: many('ec2.amazonaws.com', [
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ]),
  },
  route_table_changes: {
    what: 'route table changes',
    samples: many('ec2.amazonaws.com', [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ]),
  },
  vpc_changes: {
    what: 'VPC changes',
    samples: many('ec2.amazonaws.com', [
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ]),
  },
  organizations_changes: {
    what: 'AWS Organizations changes',
    samples: many('organizations.amazonaws.com', [
      'AcceptHandshake',
      'AttachPolicy',
      'CreateAccount',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'DetachPolicy',
      'DisablePolicyType',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ]),
  },
} satisfies Record<string, EventClass>;

export type EventClassName = keyof typeof EVENT_CLASSES;

/** Everyday events no CIS monitoring filter should match. */
export const ROUTINE_EVENTS: Json[] = [
  apiCall('ec2.amazonaws.com', 'DescribeInstances', { readOnly: true }),
  apiCall('s3.amazonaws.com', 'ListBuckets', { readOnly: true }),
  apiCall('sts.amazonaws.com', 'GetCallerIdentity', { readOnly: true }),
];
