import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * Step Functions (JSON 1.0), CodeBuild, Kinesis and SageMaker (JSON 1.1) through the SDK stack
 * against the fixture endpoint, each answered in its service's shapes and routed by X-Amz-Target.
 */

const env = endpointCollection('AKIDWORKLOADTEST');

const target = (r: EndpointRequest, prefix: string) =>
  String(r.headers['x-amz-target'] ?? '') === `${prefix}.${r.action}` ? r.action : undefined;

describe('aws.states.state_machine collector', () => {
  const arn = (n: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${n}`;
  const sfn = (r: EndpointRequest) => {
    const input = JSON.parse(r.body || '{}') as { stateMachineArn?: string };
    switch (target(r, 'AWSStepFunctions')) {
      case 'ListStateMachines':
        return jsonAnswer(
          {
            stateMachines: ['orders', 'nightly', 'gone'].map((n) => ({
              stateMachineArn: arn(n),
              name: n,
              type: 'STANDARD',
              creationDate: 1700000000,
            })),
          },
          'application/x-amz-json-1.0',
        );
      case 'DescribeStateMachine': {
        const name = input.stateMachineArn?.split(':').pop();
        if (name === 'gone')
          return {
            ...wireError('AwsJson1_0Protocol', 'StateMachineDoesNotExist', 'State Machine Does Not Exist'),
            body: JSON.stringify({
              __type: 'com.amazonaws.sfn#StateMachineDoesNotExist',
              message: 'State Machine Does Not Exist',
            }),
          };
        return jsonAnswer(
          {
            stateMachineArn: input.stateMachineArn,
            name,
            status: 'ACTIVE',
            definition: '{"StartAt":"x","States":{"x":{"Type":"Pass","End":true}}}',
            roleArn: `arn:aws:iam::${ACCOUNT}:role/sfn`,
            type: 'STANDARD',
            creationDate: 1700000000,
            ...(name === 'orders'
              ? {
                  loggingConfiguration: { level: 'ERROR', includeExecutionData: false, destinations: [] },
                  tracingConfiguration: { enabled: true },
                }
              : { loggingConfiguration: { level: 'OFF', includeExecutionData: false } }),
          },
          'application/x-amz-json-1.0',
        );
      }
      default:
        return undefined;
    }
  };

  it('reads the logging level of each machine, and keeps no definition', async () => {
    env.serve(sfn);
    const records = await env.records('aws.states.state_machine');
    expect(records.map((r) => [r.com.name, r.ext.log_level, r.ext.tracing_enabled])).toEqual([
      ['orders', 'ERROR', true],
      ['nightly', 'OFF', false],
      ['gone', null, null],
    ]);
    expect(JSON.stringify(records[0]?.raw)).not.toContain('StartAt');
  });
});

describe('aws.codebuild.project collector', () => {
  const project = (name: string, over: Record<string, unknown>) => ({
    name,
    arn: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}`,
    serviceRole: `arn:aws:iam::${ACCOUNT}:role/service-role/codebuild-${name}`,
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: {
      computeType: 'BUILD_GENERAL1_SMALL',
      image: 'aws/codebuild/standard:7.0',
      type: 'LINUX_CONTAINER',
      environmentVariables: [],
    },
    source: { type: 'GITHUB', location: 'https://github.com/example/app.git' },
    ...over,
  });
  const names = Array.from({ length: 101 }, (_, i) => `p${i}`);
  const projects: Record<string, Record<string, unknown>> = {
    p0: project('p0', {
      source: {
        type: 'BITBUCKET',
        location: 'https://builder:fake-token-not-real@bitbucket.org/example/app.git',
      },
      environment: {
        type: 'LINUX_CONTAINER',
        environmentVariables: [
          { name: 'AWS_SECRET_ACCESS_KEY', value: 'fake-secret-not-real', type: 'PLAINTEXT' },
          { name: 'AWS_ACCESS_KEY_ID', value: '/build/key-id', type: 'PARAMETER_STORE' },
        ],
      },
      logsConfig: {
        cloudWatchLogs: { status: 'DISABLED' },
        s3Logs: { status: 'ENABLED', location: 'logs/p0', encryptionDisabled: true },
      },
    }),
  };
  const codebuild = (r: EndpointRequest) => {
    switch (target(r, 'CodeBuild_20161006')) {
      case 'ListProjects':
        return jsonAnswer({ projects: names });
      case 'BatchGetProjects': {
        const wanted = (JSON.parse(r.body) as { names: string[] }).names;
        expect(wanted.length).toBeLessThanOrEqual(100);
        return jsonAnswer({
          projects: wanted.map((n) => projects[n] ?? project(n, {})),
          projectsNotFound: [],
        });
      }
      default:
        return undefined;
    }
  };

  it('reads 100 projects a call, and drops the secrets it finds', async () => {
    env.serve(codebuild);
    const records = await env.records('aws.codebuild.project');
    expect(records).toHaveLength(101);
    expect(env.calls()).toEqual([
      'codebuild:ListProjects',
      'codebuild:BatchGetProjects',
      'codebuild:BatchGetProjects',
    ]);
    expect(records[0]?.ext).toMatchObject({
      source_url_credentials: true,
      plaintext_credential_variables: ['AWS_SECRET_ACCESS_KEY'],
      logs_cloudwatch: false,
      logs_s3: true,
      s3_logs_encrypted: false,
    });
    expect(records[1]?.ext).toMatchObject({
      source_url_credentials: false,
      plaintext_credential_variables: [],
      logs_cloudwatch: true,
    });
    const kept = JSON.stringify(records[0]);
    expect(kept).not.toContain('fake-token-not-real');
    expect(kept).not.toContain('fake-secret-not-real');
    expect(kept).toContain('/build/key-id');
  });
});

describe('aws.kinesis.stream collector', () => {
  const kinesis = (r: EndpointRequest) => {
    const input = JSON.parse(r.body || '{}') as { StreamARN?: string };
    switch (target(r, 'Kinesis_20131202')) {
      case 'ListStreams':
        return jsonAnswer({
          StreamNames: ['clicks', 'raw'],
          StreamSummaries: ['clicks', 'raw'].map((n) => ({
            StreamName: n,
            StreamARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${n}`,
            StreamStatus: 'ACTIVE',
            StreamModeDetails: { StreamMode: 'ON_DEMAND' },
            StreamCreationTimestamp: 1700000000,
          })),
          HasMoreStreams: false,
        });
      case 'DescribeStreamSummary': {
        const name = input.StreamARN?.split('/').pop();
        return jsonAnswer({
          StreamDescriptionSummary: {
            StreamName: name,
            StreamARN: input.StreamARN,
            StreamStatus: 'ACTIVE',
            RetentionPeriodHours: 24,
            StreamCreationTimestamp: 1700000000,
            EnhancedMonitoring: [],
            OpenShardCount: 1,
            ...(name === 'clicks'
              ? { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }
              : { EncryptionType: 'NONE' }),
          },
        });
      }
      default:
        return undefined;
    }
  };

  it('reads each stream’s encryption', async () => {
    env.serve(kinesis);
    const records = await env.records('aws.kinesis.stream');
    expect(records.map((r) => [r.com.name, r.ext.encryption_type, r.ext.kms_key_id])).toEqual([
      ['clicks', 'KMS', 'alias/aws/kinesis'],
      ['raw', 'NONE', null],
    ]);
  });
});

describe('aws.sagemaker.notebook_instance collector', () => {
  const sagemaker = (r: EndpointRequest) => {
    const input = JSON.parse(r.body || '{}') as { NotebookInstanceName?: string };
    switch (target(r, 'SageMaker')) {
      case 'ListNotebookInstances':
        return jsonAnswer({
          NotebookInstances: ['research', 'locked'].map((n) => ({
            NotebookInstanceName: n,
            NotebookInstanceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/${n}`,
            NotebookInstanceStatus: 'InService',
            InstanceType: 'ml.t3.medium',
          })),
        });
      case 'DescribeNotebookInstance':
        if (input.NotebookInstanceName === 'locked')
          return jsonAnswer({
            NotebookInstanceName: 'locked',
            DirectInternetAccess: 'Disabled',
            SubnetId: 'subnet-a',
            SecurityGroups: ['sg-1'],
            RootAccess: 'Disabled',
            PlatformIdentifier: 'notebook-al2-v3',
          });
        return wireError(
          'AwsJson1_1Protocol',
          'AccessDeniedException',
          'not authorized: sagemaker:DescribeNotebookInstance',
        );
      default:
        return undefined;
    }
  };

  it('reads each notebook’s network and root settings; an unreadable one stays unknown', async () => {
    env.serve(sagemaker);
    const records = await env.records('aws.sagemaker.notebook_instance');
    expect(
      records.map((r) => [r.com.name, r.ext.direct_internet_access, r.ext.in_vpc, r.ext.root_access]),
    ).toEqual([
      ['research', null, null, null],
      ['locked', false, true, false],
    ]);
    expect(records[0]?.ext.unknown_facts).toMatchObject({ details: expect.stringContaining('AccessDenied') });
  });

  it('the policy grants every call of these types', () => {
    expect(
      awsPolicy([
        'aws.states.state_machine',
        'aws.codebuild.project',
        'aws.kinesis.stream',
        'aws.sagemaker.notebook_instance',
      ]).Statement[0]?.Action,
    ).toEqual([
      'codebuild:BatchGetProjects',
      'codebuild:ListProjects',
      'ec2:DescribeRegions',
      'kinesis:DescribeStreamSummary',
      'kinesis:ListStreams',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:ListNotebookInstances',
      'states:DescribeStateMachine',
      'states:ListStateMachines',
    ]);
  });
});

describe('aws.sagemaker endpoint configurations and models', () => {
  const sagemaker = (r: EndpointRequest) => {
    const input = JSON.parse(r.body || '{}') as Record<string, string>;
    const arn = (kind: string, n: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${n}`;
    switch (target(r, 'SageMaker')) {
      case 'ListEndpointConfigs':
        return jsonAnswer({
          EndpointConfigs: ['ha', 'single', 'serverless'].map((n) => ({
            EndpointConfigName: n,
            EndpointConfigArn: arn('endpoint-config', n),
            CreationTime: 1700000000,
          })),
        });
      case 'DescribeEndpointConfig': {
        const n = input.EndpointConfigName;
        const variants =
          n === 'ha'
            ? [{ VariantName: 'main', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }]
            : n === 'single'
              ? [
                  {
                    VariantName: 'main',
                    ModelName: 'm',
                    InstanceType: 'ml.m5.large',
                    InitialInstanceCount: 1,
                  },
                ]
              : [
                  {
                    VariantName: 'sl',
                    ModelName: 'm',
                    ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
                  },
                ];
        return jsonAnswer({
          EndpointConfigName: n,
          EndpointConfigArn: arn('endpoint-config', n ?? ''),
          ProductionVariants: variants,
          CreationTime: 1700000000,
        });
      }
      case 'ListModels':
        return jsonAnswer({
          Models: ['isolated', 'open'].map((n) => ({
            ModelName: n,
            ModelArn: arn('model', n),
            CreationTime: 1700000000,
          })),
        });
      case 'DescribeModel':
        return jsonAnswer({
          ModelName: input.ModelName,
          ModelArn: arn('model', input.ModelName ?? ''),
          ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/sm`,
          PrimaryContainer: { Image: 'img', Environment: { API_TOKEN: 'fake-token-not-real' } },
          CreationTime: 1700000000,
          ...(input.ModelName === 'isolated' ? { EnableNetworkIsolation: true } : {}),
        });
      default:
        return undefined;
    }
  };

  it('counts the instances of instance-based variants', async () => {
    env.serve(sagemaker);
    const records = await env.records('aws.sagemaker.endpoint_config');
    expect(
      records.map((r) => [r.com.name, r.ext.variants_with_one_instance, r.ext.instance_variants]),
    ).toEqual([
      ['ha', [], 1],
      ['single', ['main'], 1],
      ['serverless', [], 0],
    ]);
  });

  it('reads network isolation and keeps no container environment', async () => {
    env.serve(sagemaker);
    const records = await env.records('aws.sagemaker.model');
    expect(records.map((r) => [r.com.name, r.ext.network_isolation])).toEqual([
      ['isolated', true],
      ['open', false],
    ]);
    expect(JSON.stringify(records)).not.toContain('fake-token-not-real');
  });
});

describe('aws.codebuild.report_group collector', () => {
  it('reads the export settings of every report group in one batch call', async () => {
    const arn = (n: string) => `arn:aws:codebuild:${REGION}:${ACCOUNT}:report-group/${n}`;
    env.serve((r) => {
      switch (target(r, 'CodeBuild_20161006')) {
        case 'ListReportGroups':
          return jsonAnswer({ reportGroups: ['plain', 'sealed', 'kept'].map(arn) });
        case 'BatchGetReportGroups':
          return jsonAnswer({
            reportGroups: [
              {
                arn: arn('plain'),
                name: 'plain',
                type: 'TEST',
                exportConfig: {
                  exportConfigType: 'S3',
                  s3Destination: { bucket: 'reports', encryptionDisabled: true },
                },
              },
              {
                arn: arn('sealed'),
                name: 'sealed',
                type: 'TEST',
                exportConfig: {
                  exportConfigType: 'S3',
                  s3Destination: { bucket: 'reports', encryptionDisabled: false },
                },
              },
              {
                arn: arn('kept'),
                name: 'kept',
                type: 'CODE_COVERAGE',
                exportConfig: { exportConfigType: 'NO_EXPORT' },
              },
            ],
            reportGroupsNotFound: [],
          });
        default:
          return undefined;
      }
    });
    const records = await env.records('aws.codebuild.report_group');
    expect(records.map((r) => [r.com.name, r.ext.export_type, r.ext.export_encrypted])).toEqual([
      ['plain', 'S3', false],
      ['sealed', 'S3', true],
      ['kept', 'NO_EXPORT', null],
    ]);
    expect(env.calls()).toEqual(['codebuild:ListReportGroups', 'codebuild:BatchGetReportGroups']);
  });
});
