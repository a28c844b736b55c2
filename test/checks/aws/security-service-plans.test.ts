import ec2Runtime from '../../../src/checks/aws/guardduty/ec2-runtime-monitoring-enabled.js';
import ecsRuntime from '../../../src/checks/aws/guardduty/ecs-runtime-monitoring-enabled.js';
import eksAudit from '../../../src/checks/aws/guardduty/eks-audit-logs-enabled.js';
import eksRuntime from '../../../src/checks/aws/guardduty/eks-runtime-monitoring-enabled.js';
import lambdaProtection from '../../../src/checks/aws/guardduty/lambda-protection-enabled.js';
import malware from '../../../src/checks/aws/guardduty/malware-protection-enabled.js';
import rds from '../../../src/checks/aws/guardduty/rds-protection-enabled.js';
import runtime from '../../../src/checks/aws/guardduty/runtime-monitoring-enabled.js';
import s3 from '../../../src/checks/aws/guardduty/s3-protection-enabled.js';
import ec2Scan from '../../../src/checks/aws/inspector2/ec2-scanning-enabled.js';
import ecrScan from '../../../src/checks/aws/inspector2/ecr-scanning-enabled.js';
import lambdaCodeScan from '../../../src/checks/aws/inspector2/lambda-code-scanning-enabled.js';
import lambdaScan from '../../../src/checks/aws/inspector2/lambda-scanning-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const ALL_ON: Record<string, string> = {
  S3_DATA_EVENTS: 'ENABLED',
  EKS_AUDIT_LOGS: 'ENABLED',
  EBS_MALWARE_PROTECTION: 'ENABLED',
  RDS_LOGIN_EVENTS: 'ENABLED',
  LAMBDA_NETWORK_LOGS: 'ENABLED',
  RUNTIME_MONITORING: 'ENABLED',
  'RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT': 'ENABLED',
  'RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT': 'ENABLED',
  'RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT': 'ENABLED',
};
const detectors = (features: Record<string, string> | null, enabled: boolean | null = true) =>
  rec(
    'aws.guardduty.detectors',
    { enabled, features, detectors_error: enabled === null ? 'AccessDeniedException: x' : null },
    { region: 'eu-west-1' },
  );

for (const [check, feature, agent] of [
  [eksAudit, 'EKS_AUDIT_LOGS'],
  [lambdaProtection, 'LAMBDA_NETWORK_LOGS'],
  [malware, 'EBS_MALWARE_PROTECTION'],
  [rds, 'RDS_LOGIN_EVENTS'],
  [s3, 'S3_DATA_EVENTS'],
  [runtime, 'RUNTIME_MONITORING'],
  [eksRuntime, 'RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT'],
  [ecsRuntime, 'RUNTIME_MONITORING', 'ECS_FARGATE_AGENT_MANAGEMENT'],
  [ec2Runtime, 'RUNTIME_MONITORING', 'EC2_AGENT_MANAGEMENT'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'plan enabled', input: detectors(ALL_ON) }],
    fail: [
      { name: 'plan disabled', input: detectors({ ...ALL_ON, [feature]: 'DISABLED' }), message: 'DISABLED' },
      { name: 'GuardDuty off', input: detectors(null, false), message: 'eu-west-1' },
      ...(agent
        ? [
            {
              name: 'agent management off',
              input: detectors({ ...ALL_ON, [`${feature}/${agent}`]: 'DISABLED' }),
              message: agent,
            },
          ]
        : []),
    ],
    error: [
      { name: 'detectors unreadable', input: detectors(null, null), message: 'AccessDeniedException' },
      { name: 'features missing', input: detectors(null, true) },
    ],
  });
}

const status = (scans: Record<string, string | null> | undefined, failure: string | null = null) =>
  rec('aws.inspector2.account_status', { scan_types: scans, failure }, { region: 'eu-west-1' });
const ON = { ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED', lambdaCode: 'ENABLED' };

for (const [check, key] of [
  [ec2Scan, 'ec2'],
  [ecrScan, 'ecr'],
  [lambdaScan, 'lambda'],
  [lambdaCodeScan, 'lambdaCode'],
] as const) {
  checkTester(check, {
    pass: [{ name: 'enabled', input: status(ON) }],
    fail: [{ name: 'disabled', input: status({ ...ON, [key]: 'DISABLED' }), message: 'DISABLED' }],
    error: [
      {
        name: 'account failed',
        input: status(undefined, 'AccessDeniedException'),
        message: 'AccessDeniedException',
      },
    ],
  });
}
