import dnssec from '../../../src/checks/gcp/dns/zone-dnssec-enabled.js';
import ksk from '../../../src/checks/gcp/dns/zone-ksk-not-rsasha1.js';
import zsk from '../../../src/checks/gcp/dns/zone-zsk-not-rsasha1.js';
import dnsManagedZone from '../../../src/providers/gcp/resources/dns-managed-zone.js';
import { checkTester } from '../../helpers/check-tester.js';
import { managedZone, type ZoneSpec } from '../../providers/gcp/estate-workloads.js';
import { recordOf, without } from './records.js';

const zone = (spec: Partial<ZoneSpec>) =>
  recordOf(dnsManagedZone, { item: managedZone({ name: 'z', ...spec }) });
const signed = zone({ dnssec: { ksk: 'rsasha256', zsk: 'ecdsap256sha256' } });

checkTester(dnssec, {
  pass: [{ name: 'signed', input: signed }],
  fail: [
    { name: 'no dnssecConfig', input: zone({}), message: 'DNSSEC is off' },
    { name: 'state off', input: zone({ dnssec: 'off' }) },
  ],
  error: [{ name: 'state not read', input: without(zone({}), 'dnssec_state') }],
  not_applicable: [{ name: 'a private zone', input: zone({ visibility: 'private' }) }],
});

for (const [check, key] of [
  [ksk, 'ksk'],
  [zsk, 'zsk'],
] as const) {
  const weak = { ksk: 'rsasha256', zsk: 'rsasha256', [key]: 'RSASHA1' };
  checkTester(check, {
    pass: [{ name: 'RSASHA256 / ECDSA', input: signed }],
    fail: [{ name: 'RSASHA1', input: zone({ dnssec: weak }), message: 'RSASHA1' }],
    error: [
      {
        name: 'algorithms not read',
        input: without(signed, key === 'ksk' ? 'key_signing_algorithms' : 'zone_signing_algorithms'),
      },
    ],
    not_applicable: [
      { name: 'unsigned', input: zone({}) },
      { name: 'private', input: zone({ visibility: 'private' }) },
    ],
  });
}
