import dbTls from '../../src/checks/common/database-tls-enforced.js';
import firewall from '../../src/checks/common/firewall-sensitive-port.js';
import logRetention from '../../src/checks/common/log-retention.js';
import vmDisk from '../../src/checks/common/vm-os-disk-encrypted.js';
import webTls from '../../src/checks/common/web-app-min-tls.js';
import { checkTester } from '../helpers/check-tester.js';
import { makeResource } from '../helpers/resource.js';

const rule = (com: Record<string, unknown>, ext: Record<string, unknown> = {}) =>
  makeResource({
    type: 'firewall_rule',
    ext,
    com: {
      direction: 'inbound',
      access: 'allow',
      protocol: 'tcp',
      source_addresses: ['0.0.0.0/0'],
      destination_ports: ['22'],
      firewall: 'sg-1',
      priority: null,
      ...com,
    },
  });

checkTester(firewall, {
  pass: [
    { name: 'SSH from a private range', input: rule({ source_addresses: ['10.0.0.0/8'] }) },
    { name: 'HTTPS from anywhere', input: rule({ destination_ports: ['443'] }) },
    { name: 'ICMP from anywhere', input: rule({ protocol: 'icmp', destination_ports: ['0-65535'] }) },
    {
      name: 'port outside a custom list',
      input: rule({ destination_ports: ['22'] }),
      params: { ports: [3389] },
    },
  ],
  fail: [
    { name: 'SSH from 0.0.0.0/0', input: rule({}), message: '22' },
    { name: 'RDP from Azure "*"', input: rule({ source_addresses: ['*'], destination_ports: ['3389'] }) },
    { name: 'MySQL from ::/0', input: rule({ source_addresses: ['::/0'], destination_ports: ['3306'] }) },
    { name: 'all ports, all protocols', input: rule({ protocol: 'all', destination_ports: ['0-65535'] }) },
    { name: 'range covering 5432', input: rule({ destination_ports: ['5000-6000'] }), message: '5432' },
    {
      name: 'Azure Internet tag',
      input: rule({ source_addresses: ['Internet'], destination_ports: ['1433'] }),
    },
  ],
  error: [
    { name: 'unreadable port', input: rule({ destination_ports: ['ssh'] }), message: 'ssh' },
    { name: 'missing sources', input: rule({ source_addresses: undefined }) },
  ],
  not_applicable: [
    { name: 'outbound', input: rule({ direction: 'outbound' }) },
    { name: 'deny', input: rule({ access: 'deny' }) },
    { name: 'disabled GCP rule', input: rule({}, { disabled: true }) },
  ],
});

const db = (tls: boolean | null) =>
  makeResource({ type: 'rdbms', com: { engine: 'postgres', tls_enforced: tls, min_tls_version: null } });
checkTester(dbTls, {
  pass: [{ name: 'TLS enforced', input: db(true) }],
  fail: [{ name: 'TLS not enforced', input: db(false) }],
  error: [{ name: 'unknown', input: db(null) }],
});

const vm = (enc: boolean | null) =>
  makeResource({ type: 'compute', com: { os_disk_encrypted: enc, public_ips: [], state: 'running' } });
checkTester(vmDisk, {
  pass: [{ name: 'encrypted', input: vm(true) }],
  fail: [{ name: 'not encrypted', input: vm(false) }],
  error: [{ name: 'volume not read', input: vm(null) }],
});

const profile = (days: number | null) =>
  makeResource({ type: 'log_profile', com: { retention_days: days, retention_enabled: true } });
checkTester(logRetention, {
  pass: [
    { name: '365 days', input: profile(365) },
    { name: 'forever', input: profile(0) },
    { name: '90 days with a lower minimum', input: profile(90), params: { min_days: 90 } },
  ],
  fail: [
    { name: '30 days', input: profile(30), message: '30 days' },
    { name: '364 days', input: profile(364) },
  ],
  error: [{ name: 'unknown', input: profile(null) }],
});

const app = (v: string | null) =>
  makeResource({ type: 'web_app', com: { min_tls_version: v, https_only: true } });
checkTester(webTls, {
  pass: [
    { name: 'TLS 1.2', input: app('1.2') },
    { name: 'TLS 1.3', input: app('1.3') },
    { name: '1.1 with a 1.1 minimum', input: app('1.1'), params: { min_version: '1.1' } },
  ],
  fail: [
    { name: 'TLS 1.0', input: app('1.0'), message: '1.0' },
    { name: 'TLS 1.2 under a 1.3 minimum', input: app('1.2'), params: { min_version: '1.3' } },
  ],
  error: [
    { name: 'unknown', input: app(null) },
    { name: 'garbage', input: app('TLS1_2') },
  ],
});
