import auditLogging from '../../../src/checks/azure/keyvault/audit-logging.js';
import certificatesValidity from '../../../src/checks/azure/keyvault/certificates-validity.js';
import keysAccessPolicy from '../../../src/checks/azure/keyvault/keys-expire-access-policy.js';
import keysRbac from '../../../src/checks/azure/keyvault/keys-expire-rbac.js';
import keysRotate from '../../../src/checks/azure/keyvault/keys-rotate.js';
import privateEndpoint from '../../../src/checks/azure/keyvault/private-endpoint-used.js';
import publicNetwork from '../../../src/checks/azure/keyvault/public-network-access-disabled.js';
import purgeProtection from '../../../src/checks/azure/keyvault/purge-protection.js';
import rbac from '../../../src/checks/azure/keyvault/rbac-authorization.js';
import secretsAccessPolicy from '../../../src/checks/azure/keyvault/secrets-expire-access-policy.js';
import secretsRbac from '../../../src/checks/azure/keyvault/secrets-expire-rbac.js';
import type { AnyCheck } from '../../../src/core/check.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';

const vault = (ext: Record<string, unknown>, name = 'kv-prod') =>
  makeResource({ cloud: 'azure', type: 'azure.keyvault.vault', extType: 'azure.keyvault.vault', name, ext });

function booleanFact(check: AnyCheck, fact: string, want: boolean, failMessage: string): void {
  checkTester(check, {
    pass: [{ name: `${fact} ${want}`, input: vault({ [fact]: want }), message: 'kv-prod' }],
    fail: [{ name: `${fact} ${!want}`, input: vault({ [fact]: !want }), message: failMessage }],
    error: [{ name: `${fact} unknown`, input: vault({}), message: fact }],
  });
}

booleanFact(purgeProtection, 'purge_protection', true, 'no purge protection');
booleanFact(rbac, 'rbac_authorization', true, 'access policies');
booleanFact(publicNetwork, 'public_network_access_enabled', false, 'public networks');
booleanFact(privateEndpoint, 'private_endpoint_connected', true, 'no approved');

for (const [check, fact, model] of [
  [keysRbac, 'keys_without_expiry', true],
  [keysAccessPolicy, 'keys_without_expiry', false],
  [secretsRbac, 'secrets_without_expiry', true],
  [secretsAccessPolicy, 'secrets_without_expiry', false],
] as const) {
  checkTester(check, {
    pass: [
      {
        name: 'every enabled entry expires',
        input: vault({ rbac_authorization: model, [fact]: [] }),
        message: 'expires',
      },
    ],
    fail: [
      {
        name: 'two entries without expiry',
        input: vault({ rbac_authorization: model, [fact]: ['db-password', 'api-token'] }),
        message: '2 enabled',
      },
      {
        name: 'many entries, the list shortened',
        input: vault({ rbac_authorization: model, [fact]: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
        message: 'and 2 more',
      },
    ],
    error: [
      {
        name: 'the list could not be read',
        input: vault({
          rbac_authorization: model,
          [fact]: null,
          unknown_facts: { [fact]: 'AuthorizationFailed (HTTP 403)' },
        }),
        message: 'AuthorizationFailed',
      },
      { name: 'the permission model unknown', input: vault({ [fact]: [] }), message: 'permission model' },
    ],
    not_applicable: [
      { name: 'a vault of the other model', input: vault({ rbac_authorization: !model, [fact]: ['x'] }) },
    ],
  });
}

booleanFact(auditLogging, 'audit_logging', true, 'no diagnostic setting');

checkTester(keysRotate, {
  pass: [
    {
      name: 'every enabled key has a Rotate action',
      input: vault({ keys: [{ name: 'cmk', enabled: true }], keys_without_rotation: [] }),
      message: 'rotates automatically',
    },
  ],
  fail: [
    {
      name: 'a key without a rotation policy',
      input: vault({ keys: [{ name: 'cmk', enabled: true }], keys_without_rotation: ['cmk'] }),
      message: '1 enabled key(s) do not rotate automatically: cmk',
    },
  ],
  error: [
    {
      name: 'the rotation policies could not be read',
      input: vault({
        keys_without_rotation: null,
        unknown_facts: { keys_without_rotation: 'AuthorizationFailed (HTTP 403)' },
      }),
      message: 'AuthorizationFailed',
    },
  ],
  not_applicable: [
    {
      name: 'a vault whose only key is disabled',
      input: vault({ keys: [{ name: 'old', enabled: false }], keys_without_rotation: [] }),
    },
  ],
});

const cert = (name: string, validity_months: number | null, enabled = true) => ({
  name,
  enabled,
  validity_months,
});

checkTester(certificatesValidity, {
  pass: [
    {
      name: 'every enabled certificate valid for 12 months or less',
      input: vault({ certificates: [cert('web', 12), cert('api', 6), cert('old', 60, false)] }),
      message: '12 months or less',
    },
    {
      name: 'a longer allowed validity',
      input: vault({ certificates: [cert('web', 24)] }),
      params: { max_validity_months: 24 },
    },
  ],
  fail: [
    {
      name: 'a certificate issued for 24 months',
      input: vault({ certificates: [cert('web', 12), cert('legacy', 24)] }),
      message: '1 certificate(s) valid for more than 12 months: legacy (24 months)',
    },
  ],
  error: [
    {
      name: 'the vault firewall refused the data-plane read',
      input: vault({
        certificates: null,
        unknown_facts: {
          certificates:
            'ForbiddenByFirewall: Client address is not authorized and caller is not a trusted service. (HTTP 403)',
        },
      }),
      message: 'ForbiddenByFirewall',
    },
    { name: 'not collected', input: vault({}), message: 'could not be read' },
    {
      name: 'a certificate whose validity nothing says',
      input: vault({ certificates: [cert('mystery', null)] }),
      message: 'mystery',
    },
  ],
  not_applicable: [
    { name: 'no enabled certificate', input: vault({ certificates: [cert('old', 60, false)] }) },
  ],
});
