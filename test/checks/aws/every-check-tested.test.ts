import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { type AnyCheck, resolveParams } from '../../../src/core/check.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import type { Collection } from '../../../src/core/provider.js';
import { collectorTypesFor, NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import { TESTED_STATUSES } from '../../helpers/check-tester.js';

/**
 * Every registered AWS check has passing, failing and error cases. The check test files of this
 * folder are loaded (their tests skipped here, they run in their own files) so that their
 * `checkTester` calls say which statuses each check is tested for. Every check is also run with
 * each collection it reads failed: it must report `error` with the collector's reason, never a
 * verdict on data it did not see.
 */
const A = '111122223333';
const HERE = new URL('./', import.meta.url);
const THIS_FILE = new URL(import.meta.url).pathname.split('/').pop();

/**
 * Checks whose facts are a list response's fields, where an absent field means "not configured":
 * a record cannot be half read, so their only `error` is the failed collection tested below.
 */
const ERROR_ONLY_WHEN_UNCOLLECTED: Record<string, string> = {
  'aws.apigateway.stage_client_certificate': 'GetStages: clientCertificateId absent when none',
  'aws.apigateway.stage_waf_associated': 'GetStages: webAclArn absent when none',
  'aws.apigatewayv2.route_authorization': 'GetRoutes: AuthorizationType is always returned',
  'aws.apigatewayv2.stage_access_logging': 'GetStages: AccessLogSettings absent when off',
  'aws.autoscaling.group_uses_launch_template': 'DescribeAutoScalingGroups: one of the launch sources is set',
  'aws.autoscaling.launch_configuration_imdsv2_required':
    'DescribeLaunchConfigurations: MetadataOptions absent means optional',
  'aws.autoscaling.launch_configuration_no_public_ip':
    'DescribeLaunchConfigurations: AssociatePublicIpAddress absent means the subnet default',
  'aws.cloudfront.waf_enabled': 'ListDistributions: WebACLId is empty when none',
  'aws.cloudtrail.logs_encrypted_with_kms': 'DescribeTrails: KmsKeyId absent when SSE-S3',
  'aws.codebuild.project_s3_logs_encrypted': 'BatchGetProjects: encryptionDisabled absent means false',
  'aws.codebuild.report_group_export_encrypted':
    'BatchGetReportGroups: encryptionDisabled absent means false',
  'aws.ec2.instance_uses_iam_role': 'DescribeInstances: IamInstanceProfile absent when none',
  'aws.ec2.launch_template_imdsv2_required':
    'DescribeLaunchTemplateVersions: MetadataOptions absent means optional',
  'aws.ecs.service_fargate_latest_platform': 'DescribeServices: platformVersion absent means LATEST',
  'aws.elasticache.cluster_custom_subnet_group':
    'DescribeCacheClusters: CacheSubnetGroupName always returned',
  'aws.iam.password_policy_min_length': 'GetAccountPasswordPolicy: NoSuchEntity is "no policy", a fail',
  'aws.iam.password_policy_prevents_reuse':
    'GetAccountPasswordPolicy: PasswordReusePrevention absent when off',
  'aws.lambda.function_in_vpc': 'ListFunctions: VpcConfig absent or empty when none',
  'aws.rds.instance_in_vpc': 'DescribeDBInstances: DBSubnetGroup absent outside a VPC',
  'aws.secretsmanager.secret_encrypted_with_cmk': 'ListSecrets: KmsKeyId absent means the AWS managed key',
  'aws.secretsmanager.secret_rotation_succeeds':
    'ListSecrets: rotation dates absent before the first rotation',
  'aws.ssm.instance_association_compliant': 'ListResourceComplianceSummaries: no summary is no data',
  'aws.ssm.instance_patch_compliant': 'ListResourceComplianceSummaries: no summary is no data',
};

describe.skip('the AWS check tests, loaded for their cases', async () => {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.test.ts') && f !== THIS_FILE);
  for (const f of files.sort()) await import(new URL(f, HERE).href);
});

const checks = ALL_CHECKS.filter((c) => c.id.startsWith('aws.'));
/**
 * The imports of AWS's own detectors (opt-in): every active detector finding is a failure and
 * there is no passing detector finding, so their cases are the recorded detector answers of
 * test/providers/aws/imported-findings*.test.ts; a failed collection must still be an error.
 */
const imports = new Set(checks.filter((c) => c.opt_in).map((c) => c.id));

function evaluateWithFailed(check: AnyCheck, failedType: string) {
  const collections: Collection[] = [
    {
      cloud: 'aws',
      account: A,
      region: 'eu-west-1',
      type: failedType,
      error: `${failedType}: AccessDenied: not authorized`,
    },
  ];
  return evaluateAccount(
    { cloud: 'aws', account: A, collections },
    {
      normalisers: NORMALISERS_REGISTRY,
      checks: [check],
      params: new Map([[check.id, resolveParams(check, undefined)]]),
      wholeAccount: true,
    },
    { auditKey: 'a', auditVersion: 'v', now: '2026-01-01T00:00:00.000Z', compliance: new Map() },
    new Set(),
  ).outcomes.map((o) => o.row);
}

describe('every AWS check', () => {
  it('is at least 300 of them', () => expect(checks.length - imports.size).toBeGreaterThanOrEqual(300));

  it('without a per-record error case is one whose facts cannot be half read', () => {
    const withoutErrorCase = checks
      .filter((c) => !imports.has(c.id) && !TESTED_STATUSES.get(c.id)?.has('error'))
      .map((c) => c.id)
      .sort();
    expect(withoutErrorCase).toEqual(Object.keys(ERROR_ONLY_WHEN_UNCOLLECTED).sort());
  });

  for (const check of checks) {
    it(`${check.id} has pass and fail cases, and errors on a failed collection`, () => {
      if (!imports.has(check.id)) {
        const tested = TESTED_STATUSES.get(check.id);
        expect(tested?.has('pass'), 'no passing case').toBe(true);
        expect(tested?.has('fail'), 'no failing case').toBe(true);
      }

      const sources = collectorTypesFor(new Set(check.uses));
      expect(sources.length, `no collector produces ${check.uses.join(', ')}`).toBeGreaterThan(0);
      for (const source of sources) {
        const rows = evaluateWithFailed(check, source);
        expect(rows.length, `nothing reported when ${source} failed`).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row.status, `${source}: ${row.message}`).toBe('error');
          expect(row.message).toContain('AccessDenied');
        }
      }
    });
  }
});
