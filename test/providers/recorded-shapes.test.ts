// biome-ignore-all lint/suspicious/noExplicitAny: recorded answers are untyped JSON of many APIs, walked by hand
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rawShapeProblem } from '../../src/core/provider.js';
import { readPolicyDocument } from '../../src/providers/aws/normalisers/aws-facts.js';
import { normaliserFor } from '../../src/providers/normalisers.js';

/**
 * The raw shapes the normalisers declare must accept what the clouds really answer: every
 * recorded AWS, Azure and GCP answer of a collected type passes its normaliser's shape, and
 * every recorded IAM / S3 / SNS / SQS policy document is readable. (The shared reference data
 * is optional: without it this suite skips.)
 */
const DIR = [
  new URL('../../../shared/data/config/cloud-custodian/', import.meta.url).pathname,
  '/work/shared/data/config/cloud-custodian/',
].find((d) => existsSync(d));
if (!DIR) console.log('skipping recorded shapes: the shared reference data is absent');

const lines = (file: string): Record<string, any>[] =>
  readFileSync(`${DIR}${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** boto's JSON encoding of datetimes -> ISO text, as a snapshot holds them. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if (o.__class__ === 'datetime')
    return new Date(Date.UTC(Number(o.year), Number(o.month) - 1, Number(o.day))).toISOString();
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]));
}

/** operation -> [collector type, items of the answer, or the per-item key the answer goes under] */
const AWS: Record<string, [string, ((d: any) => unknown[]) | string][]> = {
  DescribeSecurityGroups: [['aws.ec2.security_group', (d) => d.SecurityGroups ?? []]],
  DescribeInstances: [
    ['aws.ec2.instance', (d) => (d.Reservations ?? []).flatMap((r: any) => r.Instances ?? [])],
  ],
  DescribeVolumes: [['aws.ec2.volume', (d) => d.Volumes ?? []]],
  DescribeVpcs: [['aws.ec2.vpc', (d) => d.Vpcs ?? []]],
  DescribeNetworkAcls: [['aws.ec2.network_acl', (d) => d.NetworkAcls ?? []]],
  DescribeSubnets: [['aws.ec2.subnet', (d) => d.Subnets ?? []]],
  DescribeSnapshots: [['aws.ec2.snapshot', (d) => d.Snapshots ?? []]],
  DescribeTransitGateways: [['aws.ec2.transit_gateway', (d) => d.TransitGateways ?? []]],
  DescribeNetworkInterfaces: [['aws.ec2.network_interface', (d) => d.NetworkInterfaces ?? []]],
  DescribeLaunchTemplateVersions: [['aws.ec2.launch_template', (d) => d.LaunchTemplateVersions ?? []]],
  DescribeVpcEndpoints: [['aws.ec2.vpc', 'endpoints']],
  DescribeDBInstances: [['aws.rds.db_instance', (d) => d.DBInstances ?? []]],
  DescribeDBParameters: [['aws.rds.db_instance', 'parameters']],
  DescribeLogGroups: [['aws.logs.log_group', (d) => d.logGroups ?? []]],
  DescribeMetricFilters: [['aws.logs.metric_filter', (d) => d.metricFilters ?? []]],
  ListDistributions: [['aws.cloudfront.distribution', (d) => d.DistributionList?.Items ?? []]],
  DescribeAutoScalingGroups: [['aws.autoscaling.group', (d) => d.AutoScalingGroups ?? []]],
  DescribeLaunchConfigurations: [
    ['aws.autoscaling.launch_configuration', (d) => d.LaunchConfigurations ?? []],
  ],
  DescribeFirewall: [['aws.network_firewall.firewall', 'firewall']],
  DescribeLoggingConfiguration: [['aws.network_firewall.firewall', 'logging']],
  GetWebACL: [['aws.wafv2.web_acl', 'webAcl']],
  ListCertificates: [['aws.acm.certificate', (d) => d.CertificateSummaryList ?? []]],
  GetStages: [['aws.apigateway.stage', (d) => d.item ?? []]],
  GetDistributionConfig: [['aws.cloudfront.distribution', 'config']],
  DescribeTrails: [['aws.cloudtrail.trail', (d) => d.trailList ?? []]],
  GetTrailStatus: [['aws.cloudtrail.trail', 'status']],
  GetEventSelectors: [['aws.cloudtrail.trail', 'eventSelectors']],
  DescribeFileSystems: [['aws.efs.file_system', (d) => d.FileSystems ?? []]],
  DescribeAlarms: [['aws.cloudwatch.alarm', (d) => d.MetricAlarms ?? []]],
  ListSubscriptions: [['aws.sns.subscription', (d) => d.Subscriptions ?? []]],
  ListServerCertificates: [['aws.iam.server_certificate', (d) => d.ServerCertificateMetadataList ?? []]],
  ListVirtualMFADevices: [['aws.iam.virtual_mfa_device', (d) => d.VirtualMFADevices ?? []]],
  GetAccountPasswordPolicy: [['aws.iam.password_policy', (d) => [d.PasswordPolicy]]],
  GetAccountSummary: [['aws.iam.account_summary', (d) => [d.SummaryMap]]],
  DescribeConfigurationRecorders: [['aws.config.recorders', (d) => [d]]],
  DescribeConfigurationRecorderStatus: [['aws.config.recorders', 'status']],
  DescribeLoadBalancers: [
    ['aws.elbv2.load_balancer', (d) => d.LoadBalancers ?? []],
    ['aws.elb.load_balancer', (d) => d.LoadBalancerDescriptions ?? []],
  ],
  ListAnalyzers: [['aws.accessanalyzer.analyzers', (d) => [d]]],
  ListDetectors: [['aws.guardduty.detectors', (d) => [d]]],
  DescribeHub: [['aws.securityhub.hub', (d) => [d]]],
  DescribeKey: [['aws.kms.key', 'metadata']],
  GetKeyRotationStatus: [['aws.kms.key', 'rotation']],
  GetBucketPolicy: [['aws.s3.bucket', 'policy']],
  GetBucketVersioning: [['aws.s3.bucket', 'versioning']],
  GetBucketEncryption: [['aws.s3.bucket', 'encryption']],
  GetBucketLocation: [['aws.s3.bucket', 'location']],
  GetBucketLogging: [['aws.s3.bucket', 'logging']],
  GetPublicAccessBlock: [['aws.s3.bucket', 'publicAccessBlock']],
  GetBucketPolicyStatus: [['aws.s3.bucket', 'policyStatus']],
};

const AZURE: [RegExp, string][] = [
  [/Microsoft.Network\/networkSecurityGroups(\/[^/]+)?$/i, 'azure.network.nsg'],
  [/Microsoft.Compute\/virtualMachines(\/[^/]+)?$/i, 'azure.compute.vm'],
  [/Microsoft.Sql\/servers(\/[^/]+)?$/i, 'azure.sql.server'],
  [/Microsoft.DBforPostgreSQL\/servers(\/[^/]+)?$/i, 'azure.postgresql.server'],
  [/Microsoft.DBforMySQL\/servers(\/[^/]+)?$/i, 'azure.mysql.server'],
  [/Microsoft.DBforPostgreSQL\/flexibleServers(\/[^/]+)?$/i, 'azure.postgresql.flexible_server'],
  [/Microsoft.Insights\/logprofiles(\/[^/]+)?$/i, 'azure.monitor.log_profile'],
  [/Microsoft.Web\/sites(\/[^/]+)?$/i, 'azure.web.site'],
  [/Microsoft.Storage\/storageAccounts(\/[^/]+)?$/i, 'azure.storage.account'],
];
const GCP: [RegExp, string][] = [
  [/\/global\/firewalls(\/[^/]+)?$/, 'gcp.compute.firewall'],
  [/compute.*\/zones\/[^/]+\/instances(\/[^/]+)?$/, 'gcp.compute.instance'],
  [/sqladmin.*\/instances(\/[^/]+)?$/, 'gcp.sql.instance'],
  [/logging.*\/buckets(\/[^/]+)?$/, 'gcp.logging.bucket'],
  [/\/sslPolicies(\/[^/]+)?$/, 'gcp.compute.ssl_policy'],
  [/storage\/v1\/b(\/[^/]+)?$/, 'gcp.storage.bucket'],
];

describe.skipIf(!DIR)('raw shapes accept recorded real answers', () => {
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  const check = (type: string, raw: Record<string, unknown>, where: string) => {
    counts[type] = (counts[type] ?? 0) + 1;
    const n = normaliserFor(type);
    if (!n) throw new Error(`no normaliser for ${type}`);
    const p = rawShapeProblem(n, raw);
    if (p) problems.push(`${where} ${type}: ${p}`);
  };

  it('AWS (Cloud Custodian placebo files), policy documents included', () => {
    const docs: string[] = [];
    let documents = 0;
    for (const r of lines('aws_placebo_responses.jsonl')) {
      const data = revive(r.content?.data ?? {}) as any;
      for (const [type, how] of AWS[r.operation] ?? []) {
        if (typeof how === 'string') check(type, { item: {}, [how]: data }, r.test_dir);
        else for (const item of how(data)) if (item) check(type, { item }, r.test_dir);
      }
      const policies = [
        r.operation === 'GetBucketPolicy' && data.Policy,
        r.operation === 'GetRole' && data.Role?.AssumeRolePolicyDocument,
        ...(r.operation === 'ListRoles'
          ? (data.Roles ?? []).map((x: any) => x.AssumeRolePolicyDocument)
          : []),
        r.operation === 'GetPolicyVersion' && data.PolicyVersion?.Document,
        (r.operation === 'GetRolePolicy' || r.operation === 'GetUserPolicy') && data.PolicyDocument,
        (r.operation === 'GetTopicAttributes' || r.operation === 'GetQueueAttributes') &&
          data.Attributes?.Policy,
      ].filter(Boolean);
      for (const doc of policies) {
        documents += 1;
        const read = readPolicyDocument(doc);
        if ('unreadable' in read) docs.push(`${r.test_dir} ${r.operation}: ${read.unreadable}`);
      }
    }
    expect(problems).toEqual([]);
    expect(docs).toEqual([]);
    expect(counts['aws.ec2.security_group']).toBeGreaterThan(100);
    expect(documents).toBeGreaterThan(100);
  });

  it('Azure (recorded ARM exchanges) and GCP (recorded REST answers)', () => {
    for (const r of lines('azure_vcr_cassettes.jsonl')) {
      for (const i of r.content?.interactions ?? []) {
        if (i.request?.method !== 'GET') continue;
        const path = String(i.request.uri).split('?')[0] ?? '';
        const type = AZURE.find(([re]) => re.test(path))?.[1];
        if (!type) continue;
        let body: any;
        try {
          body = JSON.parse(i.response?.body?.string ?? '');
        } catch {
          continue;
        }
        for (const item of body.value ?? [body]) check(type, { item }, r.file);
      }
    }
    for (const r of lines('gcp_flight_responses.jsonl')) {
      const uri = String(r.content?.headers?.['content-location'] ?? '').split('?')[0] ?? '';
      const type = GCP.find(([re]) => re.test(uri))?.[1];
      const body = r.content?.body;
      if (!type || typeof body !== 'object' || body === null) continue;
      for (const item of body.items ?? (body.name ? [body] : [])) check(type, { item }, r.file);
    }
    expect(problems).toEqual([]);
    expect(counts['gcp.compute.instance']).toBeGreaterThan(0);
    expect(counts['azure.compute.vm']).toBeGreaterThan(0);
  });
});
