import projectLogging from '../../../src/checks/aws/codebuild/project-logging-enabled.js';
import projectPlaintext from '../../../src/checks/aws/codebuild/project-no-plaintext-credentials.js';
import projectS3Logs from '../../../src/checks/aws/codebuild/project-s3-logs-encrypted.js';
import projectSource from '../../../src/checks/aws/codebuild/project-source-no-credentials.js';
import reportExport from '../../../src/checks/aws/codebuild/report-group-export-encrypted.js';
import streamEncrypted from '../../../src/checks/aws/kinesis/stream-encrypted.js';
import endpointMultiple from '../../../src/checks/aws/sagemaker/endpoint-config-multiple-instances.js';
import modelIsolation from '../../../src/checks/aws/sagemaker/model-network-isolation.js';
import notebookVpc from '../../../src/checks/aws/sagemaker/notebook-in-vpc.js';
import notebookInternet from '../../../src/checks/aws/sagemaker/notebook-no-direct-internet.js';
import notebookRoot from '../../../src/checks/aws/sagemaker/notebook-no-root-access.js';
import notebookPlatform from '../../../src/checks/aws/sagemaker/notebook-supported-platform.js';
import sfnLogging from '../../../src/checks/aws/states/state-machine-logging-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const machine = (log_level: string | null) =>
  rec(
    'aws.states.state_machine',
    { log_level, unknown_facts: log_level ? {} : { settings: 'AccessDeniedException: x' } },
    { name: 'orders' },
  );

checkTester(sfnLogging, {
  pass: [
    { name: 'ERROR', input: machine('ERROR') },
    { name: 'ALL', input: machine('ALL') },
    { name: 'FATAL at the default floor', input: machine('FATAL') },
  ],
  fail: [
    { name: 'OFF', input: machine('OFF'), message: 'OFF' },
    { name: 'FATAL below the user’s floor', input: machine('FATAL'), params: { min_level: 'ERROR' } },
  ],
  error: [
    { name: 'unreadable', input: machine(null), message: 'AccessDeniedException' },
    { name: 'unknown level', input: machine('VERBOSE'), message: 'VERBOSE' },
  ],
});

const project = (ext: Record<string, unknown>) =>
  rec(
    'aws.codebuild.project',
    {
      source_url_credentials: false,
      plaintext_credential_variables: [],
      logs_cloudwatch: true,
      logs_s3: false,
      s3_logs_encrypted: null,
      ...ext,
    },
    { name: 'build-app' },
  );

checkTester(projectSource, {
  pass: [{ name: 'clean URL', input: project({}) }],
  fail: [{ name: 'token in URL', input: project({ source_url_credentials: true }), message: 'build-app' }],
  error: [{ name: 'missing', input: project({ source_url_credentials: null }) }],
});

checkTester(projectPlaintext, {
  pass: [{ name: 'none', input: project({}) }],
  fail: [
    {
      name: 'secret key in plain text',
      input: project({ plaintext_credential_variables: ['AWS_SECRET_ACCESS_KEY'] }),
      message: 'AWS_SECRET_ACCESS_KEY',
    },
  ],
  error: [{ name: 'missing', input: project({ plaintext_credential_variables: null }) }],
});

checkTester(projectLogging, {
  pass: [
    { name: 'CloudWatch Logs', input: project({}), message: 'CloudWatch Logs' },
    { name: 'S3 only', input: project({ logs_cloudwatch: false, logs_s3: true }), message: 'S3' },
  ],
  fail: [{ name: 'no logs', input: project({ logs_cloudwatch: false }) }],
  error: [{ name: 'missing', input: project({ logs_cloudwatch: null }) }],
});

checkTester(projectS3Logs, {
  pass: [{ name: 'encrypted', input: project({ logs_s3: true, s3_logs_encrypted: true }) }],
  fail: [{ name: 'encryption disabled', input: project({ logs_s3: true, s3_logs_encrypted: false }) }],
  not_applicable: [{ name: 'no S3 logs', input: project({}) }],
});

const stream = (encryption_type: string | null) =>
  rec(
    'aws.kinesis.stream',
    {
      encryption_type,
      kms_key_id: encryption_type === 'KMS' ? 'alias/aws/kinesis' : null,
      unknown_facts: encryption_type ? {} : { summary: 'AccessDeniedException: x' },
    },
    { name: 'clicks' },
  );

checkTester(streamEncrypted, {
  pass: [{ name: 'KMS', input: stream('KMS'), message: 'alias/aws/kinesis' }],
  fail: [{ name: 'NONE', input: stream('NONE'), message: 'clicks' }],
  error: [{ name: 'unreadable', input: stream(null), message: 'AccessDeniedException' }],
});

const notebook = (ext: Record<string, unknown>) =>
  rec(
    'aws.sagemaker.notebook_instance',
    { direct_internet_access: false, in_vpc: true, root_access: false, unknown_facts: {}, ...ext },
    { name: 'research' },
  );
const unreadable = {
  direct_internet_access: null,
  in_vpc: null,
  root_access: null,
  unknown_facts: { details: 'AccessDeniedException: x' },
};

for (const [check, fact, bad] of [
  [notebookInternet, 'direct_internet_access', true],
  [notebookVpc, 'in_vpc', false],
  [notebookRoot, 'root_access', true],
] as const) {
  checkTester(check, {
    pass: [{ name: 'locked down', input: notebook({}) }],
    fail: [{ name: 'open', input: notebook({ [fact]: bad }), message: 'research' }],
    error: [{ name: 'unreadable', input: notebook(unreadable), message: 'AccessDeniedException' }],
  });
}

checkTester(notebookPlatform, {
  pass: [{ name: 'AL2023', input: notebook({ platform: 'notebook-al2023-v1' }) }],
  fail: [
    { name: 'Amazon Linux 1', input: notebook({ platform: 'notebook-al1-v1' }), message: 'notebook-al1-v1' },
  ],
  error: [
    {
      name: 'unreadable',
      input: notebook({ ...unreadable, platform: null }),
      message: 'AccessDeniedException',
    },
  ],
});

const endpointConfig = (ext: Record<string, unknown>) =>
  rec(
    'aws.sagemaker.endpoint_config',
    { variants_with_one_instance: [], instance_variants: 1, unknown_facts: {}, ...ext },
    { name: 'ha' },
  );

checkTester(endpointMultiple, {
  pass: [{ name: 'two instances', input: endpointConfig({}) }],
  fail: [
    {
      name: 'one instance',
      input: endpointConfig({ variants_with_one_instance: ['main'] }),
      message: 'main',
    },
  ],
  error: [
    {
      name: 'unreadable',
      input: endpointConfig({
        variants_with_one_instance: null,
        instance_variants: null,
        unknown_facts: { details: 'ThrottlingException: x' },
      }),
      message: 'ThrottlingException',
    },
  ],
  not_applicable: [{ name: 'serverless only', input: endpointConfig({ instance_variants: 0 }) }],
});

const model = (network_isolation: boolean | null) =>
  rec(
    'aws.sagemaker.model',
    {
      network_isolation,
      unknown_facts: network_isolation === null ? { details: 'AccessDeniedException: x' } : {},
    },
    { name: 'm' },
  );

checkTester(modelIsolation, {
  pass: [{ name: 'isolated', input: model(true) }],
  fail: [{ name: 'open', input: model(false) }],
  error: [{ name: 'unreadable', input: model(null), message: 'AccessDeniedException' }],
});

const group = (export_type: string, export_encrypted: boolean | null) =>
  rec('aws.codebuild.report_group', { export_type, export_encrypted }, { name: 'tests' });

checkTester(reportExport, {
  pass: [{ name: 'encrypted export', input: group('S3', true) }],
  fail: [{ name: 'unencrypted export', input: group('S3', false), message: 'tests' }],
  not_applicable: [{ name: 'no export', input: group('NO_EXPORT', null) }],
});
