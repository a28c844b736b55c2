import { expect, it } from 'vitest';
import accessKeysRotated from '../../../src/checks/azure/storage/access-keys-rotated.js';
import blobAnonymous from '../../../src/checks/azure/storage/blob-anonymous-access-disabled.js';
import blobSoftDelete from '../../../src/checks/azure/storage/blob-soft-delete.js';
import blobVersioning from '../../../src/checks/azure/storage/blob-versioning.js';
import containerSoftDelete from '../../../src/checks/azure/storage/container-soft-delete.js';
import crossTenant from '../../../src/checks/azure/storage/cross-tenant-replication-disabled.js';
import defaultDeny from '../../../src/checks/azure/storage/default-network-action-deny.js';
import entraDefault from '../../../src/checks/azure/storage/entra-authorization-default.js';
import fileShareSoftDelete from '../../../src/checks/azure/storage/file-share-soft-delete.js';
import geoRedundant from '../../../src/checks/azure/storage/geo-redundant.js';
import keyReminder from '../../../src/checks/azure/storage/key-rotation-reminder.js';
import minTls from '../../../src/checks/azure/storage/min-tls-1-2.js';
import privateEndpoint from '../../../src/checks/azure/storage/private-endpoint-used.js';
import publicNetwork from '../../../src/checks/azure/storage/public-network-access-disabled.js';
import secureTransfer from '../../../src/checks/azure/storage/secure-transfer-required.js';
import sharedKey from '../../../src/checks/azure/storage/shared-key-access-disabled.js';
import smbChannel from '../../../src/checks/azure/storage/smb-channel-encryption.js';
import smbVersion from '../../../src/checks/azure/storage/smb-version.js';
import trustedServices from '../../../src/checks/azure/storage/trusted-services-allowed.js';
import { type AnyCheck, resolveParams } from '../../../src/core/check.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';

const account = (ext: Record<string, unknown>, name = 'acmedata') =>
  makeResource({ cloud: 'azure', type: 'storage', extType: 'azure.storage.account', name, ext });

/** A check over one boolean fact: the compliant value passes, the other fails, unknown is an error. */
function booleanFact(check: AnyCheck, fact: string, want: boolean, failMessage: string): void {
  checkTester(check, {
    pass: [{ name: `${fact} ${want}`, input: account({ [fact]: want }), message: 'acmedata' }],
    fail: [{ name: `${fact} ${!want}`, input: account({ [fact]: !want }), message: failMessage }],
    error: [
      { name: `${fact} unknown`, input: account({ [fact]: null }), message: fact },
      { name: `${fact} missing`, input: account({}), message: fact },
    ],
  });
}

booleanFact(secureTransfer, 'https_only', true, 'HTTP');
booleanFact(blobAnonymous, 'blob_anonymous_access_allowed', false, 'anonymously');
booleanFact(publicNetwork, 'public_network_access_enabled', false, 'public networks');
booleanFact(sharedKey, 'shared_key_access_allowed', false, 'account keys');
booleanFact(crossTenant, 'cross_tenant_replication', false, 'other tenants');
booleanFact(trustedServices, 'trusted_services_bypass', true, 'blocks trusted');
booleanFact(entraDefault, 'entra_authorization_default', true, 'access keys');
booleanFact(keyReminder, 'key_rotation_reminder', true, 'no key expiration');
booleanFact(privateEndpoint, 'private_endpoint_connected', true, 'no approved');
booleanFact(geoRedundant, 'geo_redundant', true, 'one region');

checkTester(minTls, {
  pass: [
    { name: 'TLS 1.2', input: account({ minimum_tls_version: '1.2' }), message: '1.2' },
    { name: 'TLS 1.3', input: account({ minimum_tls_version: '1.3' }) },
  ],
  fail: [
    { name: 'TLS 1.0 (also what Azure applies when unset)', input: account({ minimum_tls_version: '1.0' }) },
    { name: 'TLS 1.1', input: account({ minimum_tls_version: '1.1' }), message: '1.1' },
  ],
  error: [{ name: 'an unreadable version', input: account({ minimum_tls_version: null }) }],
});

checkTester(defaultDeny, {
  pass: [{ name: 'Deny', input: account({ network_default_action: 'Deny' }) }],
  fail: [{ name: 'Allow', input: account({ network_default_action: 'Allow' }), message: 'Allow' }],
  error: [{ name: 'no networkAcls', input: account({ network_default_action: null }) }],
});

for (const [check, fact, kindWithout] of [
  [blobSoftDelete, 'blob_soft_delete', 'has_blob_service'],
  [containerSoftDelete, 'container_soft_delete', 'has_blob_service'],
  [blobVersioning, 'blob_versioning', 'has_blob_service'],
  [fileShareSoftDelete, 'file_share_soft_delete', 'has_file_service'],
] as const) {
  checkTester(check, {
    pass: [{ name: `${fact} on`, input: account({ [fact]: true }), message: 'acmedata' }],
    fail: [{ name: `${fact} off`, input: account({ [fact]: false }), message: 'off' }],
    error: [
      {
        name: 'the service could not be read',
        input: account({ [fact]: null, unknown_facts: { [fact]: 'AuthorizationFailed (HTTP 403)' } }),
        message: 'AuthorizationFailed',
      },
    ],
    not_applicable: [
      { name: 'an account kind without the service', input: account({ [kindWithout]: false, [fact]: null }) },
    ],
  });
}

checkTester(smbVersion, {
  pass: [{ name: 'SMB 3.1.1 only', input: account({ smb_versions: ['SMB3.1.1'] }) }],
  fail: [
    {
      name: 'every version (the setting left empty)',
      input: account({ smb_versions: ['SMB2.1', 'SMB3.0', 'SMB3.1.1'] }),
      message: 'SMB2.1, SMB3.0',
    },
    { name: 'SMB 3.0 kept', input: account({ smb_versions: ['SMB3.0', 'SMB3.1.1'] }), message: 'SMB3.0' },
  ],
  error: [{ name: 'the file service could not be read', input: account({ smb_versions: null }) }],
  not_applicable: [{ name: 'a BlockBlobStorage account', input: account({ has_file_service: false }) }],
});

checkTester(smbChannel, {
  pass: [{ name: 'AES-256-GCM only', input: account({ smb_channel_encryption: ['AES-256-GCM'] }) }],
  fail: [
    {
      name: 'AES-128 allowed',
      input: account({ smb_channel_encryption: ['AES-128-CCM', 'AES-128-GCM', 'AES-256-GCM'] }),
      message: 'AES-128-CCM',
    },
  ],
  error: [{ name: 'the file service could not be read', input: account({}) }],
});

const keys = (oldest: number | null, unrecorded: string[] = [], extra: Record<string, unknown> = {}) =>
  account({
    shared_key_access_allowed: true,
    access_key_created: { key1: '2026-10-01T09:12:44.0000000Z', key2: null },
    access_key_oldest_days: oldest,
    access_key_creation_unrecorded: unrecorded,
    ...extra,
  });

checkTester(accessKeysRotated, {
  pass: [
    { name: 'both keys regenerated 30 days ago', input: keys(30), message: 'within 90 days' },
    { name: 'a longer allowed age', input: keys(120), params: { max_age_days: 180 } },
  ],
  fail: [
    { name: 'a key 200 days old', input: keys(200), message: '200 days old' },
    {
      name: 'older than the account key expiration period',
      input: keys(45, [], { key_expiration_days: 30 }),
      message: 'key expiration period',
    },
    {
      name: 'a key whose creation time Azure never recorded',
      input: keys(null, ['key2']),
      message: 'no creation time for key2',
    },
  ],
  error: [
    { name: 'the key times were not collected', input: account({ shared_key_access_allowed: true }) },
    { name: 'an unreadable age', input: keys(null), message: 'unreadable' },
  ],
});

it('judges the keys of an account refusing shared key access too, and says so', () => {
  const r = accessKeysRotated.evaluate(
    keys(400, [], { shared_key_access_allowed: false }),
    resolveParams(accessKeysRotated, undefined),
  );
  expect(r.status).toBe('fail');
  expect(r.message).toContain('(shared key access is disabled)');
});
