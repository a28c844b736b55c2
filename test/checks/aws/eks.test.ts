import auditLogging from '../../../src/checks/aws/eks/cluster-audit-logging.js';
import endpointNotPublic from '../../../src/checks/aws/eks/cluster-endpoint-not-public.js';
import secretsEncrypted from '../../../src/checks/aws/eks/cluster-secrets-encrypted.js';
import supportedVersion from '../../../src/checks/aws/eks/cluster-supported-version.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const cluster = (ext: Record<string, unknown>) =>
  rec(
    'aws.eks.cluster',
    {
      version: '1.33',
      endpoint_public_access: false,
      public_access_cidrs: [],
      secrets_encrypted: true,
      enabled_log_types: ['api', 'audit'],
      unknown_facts: {},
      ...ext,
    },
    { name: 'prod' },
  );
const gone = {
  version: null,
  endpoint_public_access: null,
  secrets_encrypted: null,
  enabled_log_types: null,
  unknown_facts: { cluster: 'AccessDeniedException: eks:DescribeCluster' },
};

checkTester(endpointNotPublic, {
  pass: [{ name: 'private', input: cluster({}) }],
  fail: [
    {
      name: 'public from anywhere',
      input: cluster({ endpoint_public_access: true, public_access_cidrs: ['0.0.0.0/0'] }),
      message: '0.0.0.0/0',
    },
  ],
  error: [{ name: 'unreadable', input: cluster(gone), message: 'AccessDeniedException' }],
});

checkTester(supportedVersion, {
  pass: [
    { name: 'current', input: cluster({}) },
    { name: 'exactly the oldest', input: cluster({ version: '1.32' }) },
    { name: 'newer major', input: cluster({ version: '2.0' }) },
  ],
  fail: [
    { name: 'old', input: cluster({ version: '1.27' }), message: '1.27' },
    {
      name: 'older than the user’s floor',
      input: cluster({ version: '1.33' }),
      params: { oldest_supported_version: '1.34' },
    },
  ],
  error: [
    { name: 'unreadable', input: cluster(gone) },
    { name: 'unparseable', input: cluster({ version: 'latest' }), message: 'latest' },
  ],
});

checkTester(secretsEncrypted, {
  pass: [{ name: 'encrypted', input: cluster({}) }],
  fail: [{ name: 'plain', input: cluster({ secrets_encrypted: false }) }],
  error: [{ name: 'unreadable', input: cluster(gone) }],
});

checkTester(auditLogging, {
  pass: [{ name: 'audit on', input: cluster({}) }],
  fail: [
    { name: 'api only', input: cluster({ enabled_log_types: ['api'] }), message: 'api' },
    { name: 'nothing', input: cluster({ enabled_log_types: [] }), message: 'none' },
  ],
  error: [{ name: 'unreadable', input: cluster(gone) }],
});
