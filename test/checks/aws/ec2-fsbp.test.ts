import attachedVolume from '../../../src/checks/aws/ec2/attached-volume-encrypted.js';
import clientVpnLogging from '../../../src/checks/aws/ec2/client-vpn-connection-logging.js';
import noPublicIp from '../../../src/checks/aws/ec2/instance-no-public-ip.js';
import notParavirtual from '../../../src/checks/aws/ec2/instance-not-paravirtual.js';
import singleEni from '../../../src/checks/aws/ec2/instance-single-eni.js';
import ltEbs from '../../../src/checks/aws/ec2/launch-template-ebs-encrypted.js';
import ltImds from '../../../src/checks/aws/ec2/launch-template-imdsv2-required.js';
import ltPublicIp from '../../../src/checks/aws/ec2/launch-template-no-public-ip.js';
import naclInUse from '../../../src/checks/aws/ec2/network-acl-in-use.js';
import srcDst from '../../../src/checks/aws/ec2/network-interface-source-dest-check.js';
import highRisk from '../../../src/checks/aws/ec2/no-high-risk-ports-from-internet.js';
import snapshotBpa from '../../../src/checks/aws/ec2/snapshot-block-public-access.js';
import snapshotPublic from '../../../src/checks/aws/ec2/snapshot-not-public.js';
import spotFleet from '../../../src/checks/aws/ec2/spot-fleet-ebs-encrypted.js';
import stopped from '../../../src/checks/aws/ec2/stopped-instance-removed.js';
import subnetAuto from '../../../src/checks/aws/ec2/subnet-no-auto-public-ip.js';
import tgwAuto from '../../../src/checks/aws/ec2/transit-gateway-no-auto-accept.js';
import authorizedPorts from '../../../src/checks/aws/ec2/unrestricted-ingress-authorized-ports-only.js';
import vpcBpa from '../../../src/checks/aws/ec2/vpc-block-public-access.js';
import epEc2 from '../../../src/checks/aws/ec2/vpc-endpoint-ec2.js';
import epEcrApi from '../../../src/checks/aws/ec2/vpc-endpoint-ecr-api.js';
import epEcrDkr from '../../../src/checks/aws/ec2/vpc-endpoint-ecr-dkr.js';
import epSsm from '../../../src/checks/aws/ec2/vpc-endpoint-ssm.js';
import epSsmContacts from '../../../src/checks/aws/ec2/vpc-endpoint-ssm-contacts.js';
import epSsmIncidents from '../../../src/checks/aws/ec2/vpc-endpoint-ssm-incidents.js';
import vpnLogging from '../../../src/checks/aws/ec2/vpn-tunnel-logging-enabled.js';
import vpnUp from '../../../src/checks/aws/ec2/vpn-tunnels-up.js';
import { checkTester } from '../../helpers/check-tester.js';
import { rec } from './scope.js';

const instance = (ext: Record<string, unknown>, com: Record<string, unknown> = {}) =>
  rec('aws.ec2.instance', ext, { name: 'app-1', com: { state: 'running', public_ips: [], ...com } });

checkTester(noPublicIp, {
  pass: [{ name: 'private only', input: instance({}) }],
  fail: [
    { name: 'public address', input: instance({}, { public_ips: ['203.0.113.7'] }), message: '203.0.113.7' },
  ],
  error: [{ name: 'addresses unreadable', input: instance({}, { public_ips: null }) }],
  not_applicable: [{ name: 'terminated', input: instance({}, { state: 'terminated' }) }],
});

checkTester(stopped, {
  pass: [{ name: 'stopped 3 days', input: instance({ stopped_days: 3 }, { state: 'stopped' }) }],
  fail: [
    {
      name: 'stopped 45 days',
      input: instance({ stopped_days: 45, stopped_at: '2024-01-01T00:00:00Z' }, { state: 'stopped' }),
      message: '45 days',
    },
    {
      name: 'over a shorter allowance',
      input: instance({ stopped_days: 8 }, { state: 'stopped' }),
      params: { allowed_days: 7 },
    },
  ],
  error: [
    { name: 'stop time unreadable', input: instance({ stopped_days: null }, { state: 'stopped' }) },
    { name: 'state unreadable', input: instance({}, { state: null }) },
  ],
  not_applicable: [{ name: 'running', input: instance({}) }],
});

checkTester(singleEni, {
  pass: [{ name: 'one interface', input: instance({ network_interface_count: 1 }) }],
  fail: [{ name: 'two interfaces', input: instance({ network_interface_count: 2 }), message: '2 network' }],
  error: [{ name: 'unreadable', input: instance({ network_interface_count: null }) }],
});

checkTester(notParavirtual, {
  pass: [{ name: 'hvm', input: instance({ virtualization_type: 'hvm' }) }],
  fail: [{ name: 'paravirtual', input: instance({ virtualization_type: 'paravirtual' }) }],
  error: [{ name: 'unreadable', input: instance({}) }],
});

const volume = (com: Record<string, unknown>) =>
  rec(
    'aws.ec2.volume',
    {},
    {
      name: 'vol-1',
      com: { encrypted: true, attached_to: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', ...com },
    },
  );
checkTester(attachedVolume, {
  pass: [{ name: 'encrypted', input: volume({}) }],
  fail: [{ name: 'plain', input: volume({ encrypted: false }), message: 'instance/i-1' }],
  error: [{ name: 'unreadable', input: volume({ encrypted: null }) }],
  not_applicable: [{ name: 'unattached', input: volume({ attached_to: null, encrypted: false }) }],
});

checkTester(naclInUse, {
  pass: [{ name: 'associated', input: rec('aws.ec2.network_acl', { associated_subnets: ['subnet-1'] }) }],
  fail: [{ name: 'unused', input: rec('aws.ec2.network_acl', { associated_subnets: [] }) }],
  error: [{ name: 'unreadable', input: rec('aws.ec2.network_acl', {}) }],
});

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
        destination_ports: ['443'],
        firewall: 'sg-1',
        priority: null,
        ...com,
      },
    },
  );

checkTester(highRisk, {
  pass: [
    { name: 'HTTPS from anywhere', input: rule({}) },
    {
      name: 'MySQL from the VPC',
      input: rule({ destination_ports: ['3306'], source_addresses: ['10.0.0.0/16'] }),
    },
  ],
  fail: [
    {
      name: 'Elasticsearch from ::/0',
      input: rule({ destination_ports: ['9200'], source_addresses: ['::/0'] }),
      message: '9200',
    },
    {
      name: 'UDP range over SQL Server browser',
      input: rule({ protocol: 'udp', destination_ports: ['1000-2000'] }),
      message: '1433, 1434',
    },
    {
      name: 'a port of the parameters',
      input: rule({ destination_ports: ['443'] }),
      params: { ports: [443] },
    },
  ],
  error: [{ name: 'unreadable port', input: rule({ destination_ports: ['https'] }) }],
  not_applicable: [{ name: 'outbound', input: rule({ direction: 'outbound' }) }],
});

checkTester(authorizedPorts, {
  pass: [
    { name: 'HTTPS from anywhere', input: rule({}) },
    {
      name: 'SSH from a private range',
      input: rule({ destination_ports: ['22'], source_addresses: ['10.0.0.0/8'] }),
    },
    { name: 'ICMP from anywhere', input: rule({ protocol: 'icmp', destination_ports: [] }) },
    {
      name: 'UDP 53 authorized by parameter',
      input: rule({ protocol: 'udp', destination_ports: ['53'] }),
      params: { authorized_udp_ports: [53] },
    },
  ],
  fail: [
    { name: 'SSH from anywhere', input: rule({ destination_ports: ['22'] }), message: 'TCP 22' },
    { name: 'a range past 443', input: rule({ destination_ports: ['443-444'] }), message: '443-444' },
    {
      name: 'all traffic',
      input: rule({ protocol: 'all', destination_ports: ['0-65535'] }),
      message: 'every protocol',
    },
    { name: 'UDP from anywhere', input: rule({ protocol: 'udp', destination_ports: ['53'] }) },
  ],
  error: [{ name: 'no protocol', input: rule({ protocol: null }) }],
  not_applicable: [{ name: 'outbound', input: rule({ direction: 'outbound' }) }],
});

const vpc = (endpoints: unknown, ext: Record<string, unknown> = {}) =>
  rec('aws.ec2.vpc', { vpc_endpoints: endpoints, ...ext }, { name: 'main' });
const ep = (service: string, over: Record<string, unknown> = {}) => ({
  id: `vpce-${service}`,
  service_name: `com.amazonaws.eu-west-1.${service}`,
  type: 'Interface',
  state: 'available',
  ...over,
});
for (const [check, service] of [
  [epEc2, 'ec2'],
  [epEcrApi, 'ecr.api'],
  [epEcrDkr, 'ecr.dkr'],
  [epSsm, 'ssm'],
  [epSsmContacts, 'ssm-contacts'],
  [epSsmIncidents, 'ssm-incidents'],
] as const) {
  checkTester(check, {
    pass: [
      { name: 'interface endpoint', input: vpc([ep('s3', { type: 'Gateway' }), ep(service)]) },
      {
        name: 'China partition name',
        input: vpc([ep(service, { service_name: `cn.com.amazonaws.cn-north-1.${service}` })]),
      },
    ],
    fail: [
      { name: 'no endpoint', input: vpc([]), message: service },
      { name: 'a gateway endpoint does not count', input: vpc([ep(service, { type: 'Gateway' })]) },
      { name: 'a rejected endpoint does not count', input: vpc([ep(service, { state: 'rejected' })]) },
      { name: 'a longer service name is another service', input: vpc([ep(`${service}-fips`)]) },
    ],
    error: [
      {
        name: 'endpoints unreadable',
        input: vpc(null, { unknown_facts: { endpoints: 'AccessDenied: ec2:DescribeVpcEndpoints' } }),
        message: 'AccessDenied',
      },
    ],
  });
}

checkTester(subnetAuto, {
  pass: [{ name: 'off', input: rec('aws.ec2.subnet', { map_public_ip_on_launch: false }) }],
  fail: [{ name: 'on', input: rec('aws.ec2.subnet', { map_public_ip_on_launch: true }) }],
  error: [{ name: 'unknown', input: rec('aws.ec2.subnet', {}) }],
});

checkTester(snapshotPublic, {
  pass: [{ name: 'private', input: rec('aws.ec2.snapshot', { public: false }) }],
  fail: [
    {
      name: 'public',
      input: rec('aws.ec2.snapshot', { public: true }, { name: 'snap-1' }),
      message: 'snap-1',
    },
  ],
  error: [
    {
      name: 'listing failed',
      input: rec('aws.ec2.snapshot', {
        public: null,
        unknown_facts: { publicRestore: 'UnauthorizedOperation' },
      }),
      message: 'UnauthorizedOperation',
    },
  ],
});

checkTester(snapshotBpa, {
  pass: [
    { name: 'block all', input: rec('aws.ec2.snapshot_block_public_access', { state: 'block-all-sharing' }) },
  ],
  fail: [
    { name: 'unblocked', input: rec('aws.ec2.snapshot_block_public_access', { state: 'unblocked' }) },
    {
      name: 'new sharing only',
      input: rec('aws.ec2.snapshot_block_public_access', { state: 'block-new-sharing' }),
    },
  ],
  error: [{ name: 'unknown', input: rec('aws.ec2.snapshot_block_public_access', { state: null }) }],
});

checkTester(vpcBpa, {
  pass: [
    {
      name: 'ingress',
      input: rec('aws.ec2.vpc_block_public_access', { internet_gateway_block_mode: 'block-ingress' }),
    },
    {
      name: 'bidirectional',
      input: rec('aws.ec2.vpc_block_public_access', { internet_gateway_block_mode: 'block-bidirectional' }),
    },
  ],
  fail: [
    { name: 'off', input: rec('aws.ec2.vpc_block_public_access', { internet_gateway_block_mode: 'off' }) },
  ],
  error: [
    { name: 'unknown', input: rec('aws.ec2.vpc_block_public_access', { internet_gateway_block_mode: null }) },
  ],
});

checkTester(tgwAuto, {
  pass: [
    { name: 'disabled', input: rec('aws.ec2.transit_gateway', { auto_accept_shared_attachments: false }) },
  ],
  fail: [
    { name: 'enabled', input: rec('aws.ec2.transit_gateway', { auto_accept_shared_attachments: true }) },
  ],
  error: [{ name: 'unknown', input: rec('aws.ec2.transit_gateway', {}) }],
  not_applicable: [{ name: 'deleted', input: rec('aws.ec2.transit_gateway', { state: 'deleted' }) }],
});

checkTester(clientVpnLogging, {
  pass: [
    { name: 'on', input: rec('aws.ec2.client_vpn_endpoint', { connection_logging: true, log_group: 'vpn' }) },
  ],
  fail: [{ name: 'off', input: rec('aws.ec2.client_vpn_endpoint', { connection_logging: false }) }],
  error: [{ name: 'unknown', input: rec('aws.ec2.client_vpn_endpoint', {}) }],
});

const vpn = (ext: Record<string, unknown>) =>
  rec('aws.ec2.vpn_connection', { state: 'available', ...ext }, { name: 'office' });
checkTester(vpnUp, {
  pass: [
    {
      name: 'both up',
      input: vpn({
        tunnel_status: [
          { outside_ip: '1.1.1.1', status: 'UP' },
          { outside_ip: '2.2.2.2', status: 'UP' },
        ],
      }),
    },
  ],
  fail: [
    {
      name: 'one down',
      input: vpn({
        tunnel_status: [
          { outside_ip: '1.1.1.1', status: 'UP' },
          { outside_ip: '2.2.2.2', status: 'DOWN' },
        ],
      }),
      message: '2.2.2.2 DOWN',
    },
  ],
  error: [{ name: 'no telemetry', input: vpn({ tunnel_status: [] }) }],
  not_applicable: [{ name: 'deleted', input: vpn({ state: 'deleted' }) }],
});
checkTester(vpnLogging, {
  pass: [
    {
      name: 'both log',
      input: vpn({
        tunnel_logging: [
          { outside_ip: '1.1.1.1', enabled: true },
          { outside_ip: '2.2.2.2', enabled: true },
        ],
      }),
    },
  ],
  fail: [
    {
      name: 'one does not',
      input: vpn({
        tunnel_logging: [
          { outside_ip: '1.1.1.1', enabled: true },
          { outside_ip: '2.2.2.2', enabled: false },
        ],
      }),
      message: '2.2.2.2',
    },
  ],
  error: [{ name: 'unknown', input: vpn({ tunnel_logging: null }) }],
  not_applicable: [{ name: 'deleting', input: vpn({ state: 'deleting' }) }],
});

const eni = (ext: Record<string, unknown>) =>
  rec('aws.ec2.network_interface', {
    interface_type: 'interface',
    requester_managed: false,
    source_dest_check: true,
    ...ext,
  });
checkTester(srcDst, {
  pass: [{ name: 'on', input: eni({}) }],
  fail: [{ name: 'off', input: eni({ source_dest_check: false }) }],
  error: [{ name: 'unknown', input: eni({ source_dest_check: null }) }],
  not_applicable: [
    {
      name: 'NAT gateway interface',
      input: eni({ interface_type: 'nat_gateway', source_dest_check: false }),
    },
    { name: 'requester managed', input: eni({ requester_managed: true, source_dest_check: false }) },
  ],
});

const lt = (ext: Record<string, unknown>) =>
  rec(
    'aws.ec2.launch_template',
    { version: 3, public_ip_interfaces: [], http_tokens: 'required', ebs_volumes: [], ...ext },
    { name: 'web-lt' },
  );
checkTester(ltPublicIp, {
  pass: [{ name: 'no public IP', input: lt({}) }],
  fail: [
    { name: 'public IP on device 0', input: lt({ public_ip_interfaces: [0] }), message: 'device index 0' },
  ],
  error: [{ name: 'unreadable', input: lt({ public_ip_interfaces: null }) }],
});
checkTester(ltImds, {
  pass: [
    { name: 'required', input: lt({}) },
    { name: 'endpoint disabled', input: lt({ http_tokens: null, metadata_endpoint: 'disabled' }) },
  ],
  fail: [
    { name: 'optional', input: lt({ http_tokens: 'optional' }), message: 'optional' },
    { name: 'not set', input: lt({ http_tokens: null }), message: 'no metadata options' },
  ],
});
checkTester(ltEbs, {
  pass: [{ name: 'encrypted', input: lt({ ebs_volumes: [{ device: '/dev/xvda', encrypted: true }] }) }],
  fail: [
    {
      name: 'not set',
      input: lt({
        ebs_volumes: [
          { device: '/dev/xvda', encrypted: true },
          { device: '/dev/sdf', encrypted: null },
        ],
      }),
      message: '/dev/sdf',
    },
  ],
  error: [{ name: 'unreadable', input: lt({ ebs_volumes: null }) }],
  not_applicable: [{ name: 'no EBS mappings', input: lt({}) }],
});

const fleet = (ext: Record<string, unknown>) =>
  rec(
    'aws.ec2.spot_fleet_request',
    {
      state: 'active',
      uses_launch_specifications: true,
      ebs_volumes: [{ device: '/dev/xvda', encrypted: true }],
      ...ext,
    },
    { name: 'sfr-1' },
  );
checkTester(spotFleet, {
  pass: [{ name: 'encrypted', input: fleet({}) }],
  fail: [
    {
      name: 'not set',
      input: fleet({ ebs_volumes: [{ device: '/dev/sdf', encrypted: null }] }),
      message: '/dev/sdf',
    },
  ],
  error: [{ name: 'unreadable', input: fleet({ ebs_volumes: null }) }],
  not_applicable: [
    { name: 'launch templates', input: fleet({ uses_launch_specifications: false }) },
    { name: 'cancelled', input: fleet({ state: 'cancelled_terminating' }) },
  ],
});
