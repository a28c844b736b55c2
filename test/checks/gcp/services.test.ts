import approval from '../../../src/checks/gcp/accessapproval/enabled.js';
import keyRestricted from '../../../src/checks/gcp/apikeys/key-restricted-to-apis.js';
import apiKeyRotated from '../../../src/checks/gcp/apikeys/key-rotated.js';
import noApiKeys from '../../../src/checks/gcp/apikeys/no-api-keys.js';
import assetInventory from '../../../src/checks/gcp/cloudasset/inventory-enabled.js';
import kmsNotPublic from '../../../src/checks/gcp/cloudkms/key-not-public.js';
import kmsRotated from '../../../src/checks/gcp/cloudkms/key-rotated.js';
import contacts from '../../../src/checks/gcp/essentialcontacts/configured.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import accessApproval from '../../../src/providers/gcp/resources/accessapproval-settings.js';
import apiKeys from '../../../src/providers/gcp/resources/apikeys-key.js';
import cryptoKey from '../../../src/providers/gcp/resources/cloudkms-crypto-key.js';
import essentialContacts from '../../../src/providers/gcp/resources/essentialcontacts-contact.js';
import serviceUsage from '../../../src/providers/gcp/resources/serviceusage-service.js';
import { checkTester } from '../../helpers/check-tester.js';
import { daysAgo } from '../../providers/gcp/estate.js';
import { inventory, ofType, recordsOf } from './records.js';

const KEY = 'projects/shop-prod/locations/europe-west1/keyRings/shop-ring/cryptoKeys/orders';
const kms = (item: Record<string, unknown>, iam: unknown = { version: 1 }): ResourceRecord =>
  ofType(
    recordsOf(cryptoKey, {
      item: { name: KEY, purpose: 'ENCRYPT_DECRYPT', primary: { state: 'ENABLED' }, ...item },
      iam,
    }),
    'gcp.cloudkms.crypto_key',
  )[0] as ResourceRecord;

checkTester(kmsNotPublic, {
  pass: [
    {
      name: 'granted to a group only',
      input: kms(
        {},
        { bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['group:app@shop.example'] }] },
      ),
    },
  ],
  fail: [
    {
      name: 'allUsers',
      input: kms({}, { bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allUsers'] }] }),
      message: 'allUsers',
    },
    {
      name: 'allAuthenticatedUsers',
      input: kms({}, { bindings: [{ role: 'roles/cloudkms.admin', members: ['allAuthenticatedUsers'] }] }),
    },
  ],
  error: [
    {
      name: 'a policy that could not be read',
      input: kms({}, { __error: 'PERMISSION_DENIED: no (HTTP 403)' }),
      message: 'PERMISSION_DENIED',
    },
  ],
});

checkTester(kmsRotated, {
  pass: [
    {
      name: 'every 90 days',
      input: kms({ rotationPeriod: '7776000s', nextRotationTime: '2027-01-01T00:00:00Z' }),
    },
  ],
  fail: [
    { name: 'no rotation', input: kms({}), message: 'no automatic rotation' },
    {
      name: 'every year',
      input: kms({ rotationPeriod: '31536000s', nextRotationTime: '2027-01-01T00:00:00Z' }),
      message: '365',
    },
  ],
  not_applicable: [
    { name: 'an asymmetric signing key', input: kms({ purpose: 'ASYMMETRIC_SIGN' }) },
    { name: 'a destroyed primary', input: kms({ primary: { state: 'DESTROYED' } }) },
  ],
});

const apiKey = (age: number | null, services: string[]): ResourceRecord =>
  recordsOf(apiKeys, {
    item: {
      name: 'projects/111111111111/locations/global/keys/k1',
      displayName: 'maps',
      ...(age === null ? {} : { createTime: daysAgo(age) }),
      ...(services.length ? { restrictions: { apiTargets: services.map((service) => ({ service })) } } : {}),
    },
  })[0] as ResourceRecord;

checkTester(noApiKeys, {
  pass: [{ name: 'no key', input: inventory([]) }],
  fail: [
    { name: 'any key', input: inventory([apiKey(3, ['maps-backend.googleapis.com'])]), message: 'maps' },
  ],
  error: [{ name: 'keys that could not be listed', input: inventory([], ['gcp.apikeys.key']) }],
});
checkTester(keyRestricted, {
  pass: [{ name: 'restricted to one API', input: apiKey(3, ['maps-backend.googleapis.com']) }],
  fail: [
    { name: 'unrestricted', input: apiKey(3, []), message: 'every API' },
    { name: 'every Cloud API', input: apiKey(3, ['cloudapis.googleapis.com']) },
  ],
  error: [
    { name: 'restrictions not read', input: { ...apiKey(3, []), ext: { record_type: 'gcp.apikeys.key' } } },
  ],
});
checkTester(apiKeyRotated, {
  pass: [{ name: '10 days old', input: apiKey(10, []) }],
  fail: [{ name: '200 days old', input: apiKey(200, []), message: '200' }],
  error: [{ name: 'no creation time', input: apiKey(null, []) }],
});

const contact = (email: string, categories: string[], parent = 'projects/111111111111') =>
  recordsOf(essentialContacts, {
    item: { name: `${parent}/contacts/1`, email, notificationCategorySubscriptions: categories },
  });

checkTester(contacts, {
  pass: [
    { name: 'one contact for ALL', input: inventory(contact('ops@shop.example', ['ALL'])) },
    {
      name: 'project and organisation contacts together',
      input: inventory([
        ...contact('sec@shop.example', ['SECURITY', 'TECHNICAL', 'TECHNICAL_INCIDENTS']),
        ...contact('legal@shop.example', ['LEGAL', 'SUSPENSION'], 'organizations/123456789012'),
      ]),
    },
  ],
  fail: [
    { name: 'security only', input: inventory(contact('sec@shop.example', ['SECURITY'])), message: 'LEGAL' },
    { name: 'none at all', input: inventory([]) },
  ],
  error: [
    { name: 'contacts that could not be listed', input: inventory([], ['gcp.essentialcontacts.contact']) },
  ],
});

const settings = (item: Record<string, unknown> | null) => inventory(recordsOf(accessApproval, { item }));
checkTester(approval, {
  pass: [
    { name: 'every service enrolled', input: settings({ enrolledServices: [{ cloudProduct: 'all' }] }) },
    { name: 'enrolled through the organisation', input: settings({ enrolledAncestor: true }) },
  ],
  fail: [
    { name: 'never set up', input: settings(null), message: 'not set up' },
    { name: 'no service enrolled', input: settings({ notificationEmails: ['a@x.example'] }) },
  ],
  error: [{ name: 'settings that could not be read', input: inventory([], ['gcp.accessapproval.settings']) }],
});

const enabled = (...names: string[]) =>
  names.flatMap((n) =>
    recordsOf(serviceUsage, {
      item: { name: `projects/111111111111/services/${n}`, config: { name: n }, state: 'ENABLED' },
    }),
  );
checkTester(assetInventory, {
  pass: [
    {
      name: 'Cloud Asset enabled',
      input: inventory(enabled('compute.googleapis.com', 'cloudasset.googleapis.com')),
    },
  ],
  fail: [{ name: 'not enabled', input: inventory(enabled('compute.googleapis.com')), message: 'cloudasset' }],
  error: [{ name: 'services could not be listed', input: inventory([], ['gcp.serviceusage.service']) }],
});
