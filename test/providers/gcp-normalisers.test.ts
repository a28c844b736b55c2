import { describe, expect, it } from 'vitest';
import { GCP, normalise, one, rules } from './helpers.js';

const API = 'https://www.googleapis.com/compute/v1/projects/cloudward-demo';
const ERR = { __error: 'PERMISSION_DENIED: storage.buckets.getIamPolicy denied' };

describe('gcp.compute.firewall', () => {
  const fw = {
    kind: 'compute#firewall',
    id: '1000000000000000001',
    name: 'allow-rdp-web',
    network: `${API}/global/networks/default`,
    priority: 900,
    direction: 'INGRESS',
    sourceRanges: ['0.0.0.0/0'],
    targetTags: ['windows'],
    allowed: [{ IPProtocol: 'tcp', ports: ['3389', '8080-8090'] }, { IPProtocol: 'icmp' }],
    denied: [{ IPProtocol: 'udp' }],
    disabled: false,
    selfLink: `${API}/global/firewalls/allow-rdp-web`,
  };

  it('yields the firewall and one rule record per allowed / denied entry', () => {
    const out = normalise('gcp.compute.firewall', { item: fw }, GCP);
    expect(out[0]?.com).toMatchObject({ record_type: 'firewall', reference: fw.selfLink, region: 'global' });
    const r = rules(out);
    expect(r.map((x) => x.com.reference.split('#')[1])).toEqual([
      'inbound/allowed[0]/0.0.0.0/0',
      'inbound/allowed[1]/0.0.0.0/0',
      'inbound/denied[0]/0.0.0.0/0',
    ]);
    expect(r[0]?.com).toMatchObject({
      direction: 'inbound',
      access: 'allow',
      protocol: 'tcp',
      source_addresses: ['0.0.0.0/0'],
      destination_ports: ['3389', '8080-8090'],
      priority: 900,
      firewall: fw.selfLink,
    });
    expect(r[1]?.com.destination_ports).toEqual([]);
    expect(r[2]?.com).toMatchObject({ access: 'deny', protocol: 'udp', destination_ports: ['0-65535'] });
    expect(r[0]?.ext).toMatchObject({
      record_type: 'gcp.compute.firewall_rule',
      disabled: false,
      network: 'default',
    });
  });

  it('keeps disabled rules, marked, and uses destination ranges for egress', () => {
    const out = normalise(
      'gcp.compute.firewall',
      {
        item: {
          name: 'egress-all',
          direction: 'EGRESS',
          destinationRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'all' }],
          disabled: true,
        },
      },
      GCP,
    );
    const r = rules(out)[0];
    expect(r?.com).toMatchObject({
      direction: 'outbound',
      protocol: 'all',
      source_addresses: ['0.0.0.0/0'],
      priority: 1000,
      reference: `${API}/global/firewalls/egress-all#outbound/allowed[0]/0.0.0.0/0`,
    });
    expect(r?.ext.disabled).toBe(true);
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.compute.firewall', { item: { allowed: [] } }, GCP)).toThrow(
      /gcp\.compute\.firewall: missing required field item\.name/,
    );
  });
});

describe('gcp.compute.instance', () => {
  const inst = (disk: Record<string, unknown>) => ({
    kind: 'compute#instance',
    id: '2000000000000000001',
    name: 'web-1',
    zone: `${API}/zones/europe-west1-b`,
    machineType: `${API}/zones/europe-west1-b/machineTypes/e2-small`,
    status: 'RUNNING',
    labels: { app: 'shop' },
    disks: [{ boot: true, source: `${API}/zones/europe-west1-b/disks/web-1`, ...disk }],
    networkInterfaces: [
      { networkIP: '10.0.0.2', accessConfigs: [{ type: 'ONE_TO_ONE_NAT', natIP: '198.51.100.7' }] },
    ],
    serviceAccounts: [
      {
        email: 'web@cloudward-demo.iam.gserviceaccount.com',
        scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    ],
    metadata: { items: [{ key: 'serial-port-enable', value: 'TRUE' }] },
    selfLink: `${API}/zones/europe-west1-b/instances/web-1`,
  });

  it('is always encrypted at rest, with cmek from the boot disk', () => {
    const r = one('gcp.compute.instance', { item: inst({}) }, GCP);
    expect(r.com).toMatchObject({
      record_type: 'compute',
      region: 'europe-west1',
      os_disk_encrypted: true,
      public_ips: ['198.51.100.7'],
      state: 'running',
      tags: { app: 'shop' },
    });
    expect(r.ext).toMatchObject({
      cmek: false,
      machine_type: 'e2-small',
      full_api_access: true,
      serial_port_enabled: true,
    });
    const cmek = one(
      'gcp.compute.instance',
      { item: inst({ diskEncryptionKey: { kmsKeyName: 'projects/p/keys/k' } }) },
      GCP,
    );
    expect(cmek.ext.cmek).toBe(true);
  });

  it('leaves an absent status null and refuses a status that is not a string', () => {
    expect(
      one('gcp.compute.instance', { item: { ...inst({}), status: undefined } }, GCP).com.state,
    ).toBeNull();
    expect(() => normalise('gcp.compute.instance', { item: { ...inst({}), status: 7 } }, GCP)).toThrow(
      'gcp.compute.instance: status: expected a string, got number',
    );
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.compute.instance', { item: { zone: 'z' } }, GCP)).toThrow(/item\.name/);
  });
});

describe('gcp.sql.instance', () => {
  const sql = (ipConfiguration: Record<string, unknown>) => ({
    kind: 'sql#instance',
    name: 'orders-pg',
    project: 'cloudward-demo',
    region: 'europe-west1',
    databaseVersion: 'POSTGRES_15',
    settings: { ipConfiguration, userLabels: { team: 'orders' } },
    selfLink: 'https://sqladmin.googleapis.com/sql/v1beta4/projects/cloudward-demo/instances/orders-pg',
  });

  it('reads sslMode', () => {
    const r = one(
      'gcp.sql.instance',
      { item: sql({ sslMode: 'ENCRYPTED_ONLY', requireSsl: false, ipv4Enabled: false }) },
      GCP,
    );
    expect(r.com).toMatchObject({
      engine: 'postgres',
      tls_enforced: true,
      storage_encrypted: true,
      publicly_accessible: false,
      region: 'europe-west1',
    });
    const open = one(
      'gcp.sql.instance',
      {
        item: sql({
          sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
          ipv4Enabled: true,
          authorizedNetworks: [{ value: '0.0.0.0/0' }],
        }),
      },
      GCP,
    );
    expect(open.com).toMatchObject({ tls_enforced: false, publicly_accessible: true });
    expect(open.ext.open_to_internet).toBe(true);
  });

  it('falls back to requireSsl, and is unknown without either', () => {
    expect(one('gcp.sql.instance', { item: sql({ requireSsl: true }) }, GCP).com.tls_enforced).toBe(true);
    expect(one('gcp.sql.instance', { item: sql({}) }, GCP).com.tls_enforced).toBeNull();
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.sql.instance', { item: { region: 'x' } }, GCP)).toThrow(
      /gcp\.sql\.instance: .*item\.name/,
    );
  });
});

describe('gcp.logging.bucket', () => {
  it('reads retentionDays and the location', () => {
    const r = one(
      'gcp.logging.bucket',
      {
        item: {
          name: 'projects/cloudward-demo/locations/global/buckets/_Default',
          retentionDays: 30,
          lifecycleState: 'ACTIVE',
        },
      },
      GCP,
    );
    expect(r.com).toMatchObject({
      record_type: 'log_profile',
      name: '_Default',
      region: 'global',
      reference: '//logging.googleapis.com/projects/cloudward-demo/locations/global/buckets/_Default',
      retention_days: 30,
      retention_enabled: true,
    });
  });

  it('is unknown without retentionDays', () => {
    const r = one('gcp.logging.bucket', { item: { name: 'projects/p/locations/eu/buckets/audit' } }, GCP);
    expect(r.com).toMatchObject({ retention_days: null, retention_enabled: null, region: 'eu' });
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.logging.bucket', { item: { retentionDays: 1 } }, GCP)).toThrow(/item\.name/);
  });
});

describe('gcp.compute.ssl_policy', () => {
  it('maps minTlsVersion; unset is the documented TLS 1.0 default', () => {
    const r = one(
      'gcp.compute.ssl_policy',
      {
        item: {
          name: 'modern',
          profile: 'MODERN',
          minTlsVersion: 'TLS_1_2',
          selfLink: `${API}/global/sslPolicies/modern`,
        },
      },
      GCP,
    );
    expect(r.com).toMatchObject({ record_type: 'web_app', min_tls_version: '1.2', https_only: null });
    expect(one('gcp.compute.ssl_policy', { item: { name: 'dflt' } }, GCP).com.min_tls_version).toBe('1.0');
  });

  it('turns an unknown version into null', () => {
    expect(
      one('gcp.compute.ssl_policy', { item: { name: 'x', minTlsVersion: 'TLS_9' } }, GCP).com.min_tls_version,
    ).toBeNull();
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.compute.ssl_policy', { item: { minTlsVersion: 'TLS_1_2' } }, GCP)).toThrow(
      /item\.name/,
    );
  });
});

describe('gcp.storage.bucket', () => {
  const bucket = (iam: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    kind: 'storage#bucket',
    name: 'cloudward-demo-assets',
    location: 'EU',
    iamConfiguration: iam,
    selfLink: 'https://www.googleapis.com/storage/v1/b/cloudward-demo-assets',
    ...extra,
  });

  it('is not public with public access prevention enforced', () => {
    const r = one(
      'gcp.storage.bucket',
      { item: bucket({ publicAccessPrevention: 'enforced' }, { versioning: { enabled: true } }) },
      GCP,
    );
    expect(r.com).toMatchObject({
      record_type: 'storage',
      region: 'eu',
      encrypted: true,
      public_access: false,
      versioning: true,
    });
  });

  it('is public when the IAM policy grants allUsers, private with uniform access and no such binding', () => {
    const iam = { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'inherited' };
    const pub = one(
      'gcp.storage.bucket',
      {
        item: bucket(iam),
        iamPolicy: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] },
      },
      GCP,
    );
    expect(pub.com).toMatchObject({ public_access: true, versioning: false });
    expect(pub.ext.public_members).toEqual(['allUsers']);
    const priv = one('gcp.storage.bucket', { item: bucket(iam), iamPolicy: { bindings: [] } }, GCP);
    expect(priv.com.public_access).toBe(false);
  });

  it('is unknown when the IAM policy could not be read', () => {
    const iam = { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'inherited' };
    expect(
      one('gcp.storage.bucket', { item: bucket(iam), iamPolicy: ERR }, GCP).com.public_access,
    ).toBeNull();
    expect(one('gcp.storage.bucket', { item: bucket(iam) }, GCP).com.public_access).toBeNull();
  });

  it('throws when name is missing', () => {
    expect(() => normalise('gcp.storage.bucket', { item: { location: 'EU' } }, GCP)).toThrow(
      /gcp\.storage\.bucket: .*item\.name/,
    );
  });
});
