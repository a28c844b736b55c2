import defaultSg from '../../../src/checks/aws/ec2/default-security-group-restricts-all.js';
import ebsDefault from '../../../src/checks/aws/ec2/ebs-encryption-by-default.js';
import imdsv2 from '../../../src/checks/aws/ec2/instance-imdsv2-required.js';
import instanceRole from '../../../src/checks/aws/ec2/instance-uses-iam-role.js';
import nacl from '../../../src/checks/aws/ec2/network-acl-no-admin-ports-from-internet.js';
import adminV4 from '../../../src/checks/aws/ec2/no-admin-ports-from-ipv4-internet.js';
import adminV6 from '../../../src/checks/aws/ec2/no-admin-ports-from-ipv6-internet.js';
import cifs from '../../../src/checks/aws/ec2/no-cifs-from-internet.js';
import flowLogs from '../../../src/checks/aws/ec2/vpc-flow-logs-enabled.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const rule = (com: Record<string, unknown>) =>
  rec(
    'aws.ec2.security_group_rule',
    { group_name: 'web' },
    {
      com: {
        record_type: 'firewall_rule',
        direction: 'inbound',
        access: 'allow',
        protocol: 'tcp',
        source_addresses: ['0.0.0.0/0'],
        destination_ports: ['22'],
        firewall: 'sg-1',
        priority: null,
        ...com,
      },
    },
  );

checkTester(adminV4, {
  pass: [
    { name: 'SSH from a private range', input: rule({ source_addresses: ['10.0.0.0/8'] }) },
    { name: 'HTTPS from anywhere', input: rule({ destination_ports: ['443'] }) },
    { name: 'SSH from ::/0 is the IPv6 check', input: rule({ source_addresses: ['::/0'] }) },
    { name: 'UDP range covering 22', input: rule({ protocol: 'udp', destination_ports: ['0-65535'] }) },
  ],
  fail: [
    { name: 'SSH from 0.0.0.0/0', input: rule({}), message: '22' },
    { name: 'RDP from 0.0.0.0/0', input: rule({ destination_ports: ['3389'] }), message: '3389' },
    {
      name: 'all traffic',
      input: rule({ protocol: 'all', destination_ports: ['0-65535'] }),
      message: '22, 3389',
    },
  ],
  error: [{ name: 'unreadable port', input: rule({ destination_ports: ['ssh'] }) }],
  not_applicable: [{ name: 'outbound', input: rule({ direction: 'outbound' }) }],
});

checkTester(adminV6, {
  pass: [{ name: 'SSH from 0.0.0.0/0 is the IPv4 check', input: rule({}) }],
  fail: [{ name: 'SSH from ::/0', input: rule({ source_addresses: ['::/0'] }) }],
  error: [
    {
      name: 'unreadable port range',
      input: rule({ source_addresses: ['::/0'], destination_ports: ['ssh'] }),
      message: 'ssh',
    },
    { name: 'sources unreadable', input: rule({ source_addresses: null }), message: 'could not be read' },
  ],
});

checkTester(cifs, {
  pass: [
    {
      name: '445 from the VPC',
      input: rule({ source_addresses: ['10.0.0.0/16'], destination_ports: ['445'] }),
    },
  ],
  fail: [
    { name: '445 from 0.0.0.0/0', input: rule({ destination_ports: ['445'] }), message: '445' },
    {
      name: '445 from ::/0 in a range',
      input: rule({ source_addresses: ['::/0'], destination_ports: ['400-500'] }),
    },
  ],
  error: [{ name: 'direction unknown', input: rule({ direction: null }), message: 'direction' }],
});

const sg = (ext: Record<string, unknown>) =>
  rec('aws.ec2.security_group', {
    is_default: true,
    vpc_id: 'vpc-1',
    ingress_permission_count: 0,
    egress_permission_count: 0,
    ...ext,
  });
checkTester(defaultSg, {
  pass: [{ name: 'default group with no rules', input: sg({}) }],
  fail: [
    {
      name: 'default self-referencing ingress and open egress',
      input: sg({ ingress_permission_count: 1, egress_permission_count: 1 }),
    },
    { name: 'egress only', input: sg({ egress_permission_count: 1 }) },
  ],
  error: [{ name: 'counts unreadable', input: sg({ ingress_permission_count: null }) }],
  not_applicable: [
    { name: 'not the default group', input: sg({ is_default: false, ingress_permission_count: 3 }) },
  ],
});

const instance = (ext: Record<string, unknown>, state = 'running') =>
  rec(
    'aws.ec2.instance',
    {
      imdsv2_required: true,
      metadata_endpoint: 'enabled',
      iam_instance_profile: 'arn:aws:iam::111122223333:instance-profile/app',
      ...ext,
    },
    {
      com: { record_type: 'compute', os_disk_encrypted: true, public_ips: [], state },
    },
  );
checkTester(imdsv2, {
  pass: [
    { name: 'tokens required', input: instance({}) },
    {
      name: 'metadata service off',
      input: instance({ imdsv2_required: false, metadata_endpoint: 'disabled' }),
    },
  ],
  fail: [{ name: 'IMDSv1 allowed', input: instance({ imdsv2_required: false }) }],
  error: [{ name: 'options unreadable', input: instance({ imdsv2_required: null }) }],
  not_applicable: [{ name: 'terminated', input: instance({ imdsv2_required: false }, 'terminated') }],
});

checkTester(instanceRole, {
  pass: [{ name: 'has a profile', input: instance({}) }],
  fail: [{ name: 'no profile', input: instance({ iam_instance_profile: null }) }],
  not_applicable: [{ name: 'terminated', input: instance({ iam_instance_profile: null }, 'terminated') }],
});

const ebs = (enabled: boolean | null) =>
  rec('aws.ec2.ebs_encryption_default', { enabled }, { region: 'ap-south-1' });
checkTester(ebsDefault, {
  pass: [{ name: 'on', input: ebs(true) }],
  fail: [{ name: 'off', input: ebs(false), message: 'ap-south-1' }],
  error: [{ name: 'unknown', input: ebs(null) }],
});

const vpc = (flow_logs: unknown) =>
  rec('aws.ec2.vpc', { flow_logs, flow_logs_error: flow_logs === null ? 'AccessDenied: x' : null });
checkTester(flowLogs, {
  pass: [
    { name: 'ALL traffic', input: vpc([{ id: 'fl-1', status: 'ACTIVE', traffic_type: 'ALL' }]) },
    { name: 'REJECT traffic', input: vpc([{ id: 'fl-1', status: 'ACTIVE', traffic_type: 'REJECT' }]) },
  ],
  fail: [
    { name: 'none', input: vpc([]), message: 'no flow log' },
    { name: 'ACCEPT only', input: vpc([{ id: 'fl-1', status: 'ACTIVE', traffic_type: 'ACCEPT' }]) },
    { name: 'inactive', input: vpc([{ id: 'fl-1', status: 'INACTIVE', traffic_type: 'ALL' }]) },
  ],
  error: [{ name: 'listing failed', input: vpc(null), message: 'AccessDenied' }],
});

type Entry = {
  rule_number: number;
  direction: string;
  action: string;
  protocol: string;
  cidr: string;
  ports: { from: number; to: number } | null;
};
const entry = (
  n: number,
  action: string,
  protocol: string,
  cidr: string,
  ports: [number, number] | null = null,
): Entry => ({
  rule_number: n,
  direction: 'inbound',
  action,
  protocol,
  cidr,
  ports: ports ? { from: ports[0], to: ports[1] } : null,
});
const DENY_ALL = entry(32767, 'deny', 'all', '0.0.0.0/0');
const acl = (entries: Entry[]) => rec('aws.ec2.network_acl', { entries });
checkTester(nacl, {
  pass: [
    {
      name: 'only HTTPS allowed',
      input: acl([entry(100, 'allow', 'tcp', '0.0.0.0/0', [443, 443]), DENY_ALL]),
    },
    {
      name: 'deny 22 and 3389 before allow all',
      input: acl([
        entry(50, 'deny', 'tcp', '0.0.0.0/0', [22, 22]),
        entry(51, 'deny', 'tcp', '0.0.0.0/0', [3389, 3389]),
        entry(52, 'deny', 'all', '::/0'),
        entry(100, 'allow', 'all', '0.0.0.0/0'),
        DENY_ALL,
      ]),
    },
    {
      name: 'SSH from the office only',
      input: acl([entry(100, 'allow', 'tcp', '198.51.100.0/24', [22, 22]), DENY_ALL]),
    },
  ],
  fail: [
    {
      name: 'default ACL allows everything',
      input: acl([entry(100, 'allow', 'all', '0.0.0.0/0'), DENY_ALL]),
      message: '22 from 0.0.0.0/0',
    },
    {
      name: 'SSH range from ::/0',
      input: acl([entry(100, 'allow', 'tcp', '::/0', [0, 1024])]),
      message: '::/0',
    },
    {
      name: 'the deny comes after the allow',
      input: acl([
        entry(100, 'allow', 'tcp', '0.0.0.0/0', [3389, 3389]),
        entry(200, 'deny', 'tcp', '0.0.0.0/0', [3389, 3389]),
      ]),
    },
  ],
  error: [{ name: 'entries unreadable', input: rec('aws.ec2.network_acl', {}) }],
});
