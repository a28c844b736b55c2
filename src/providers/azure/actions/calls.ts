import type { RestCallSpec } from '../../kit/rest-action.js';

/*
 * The Resource Manager calls Azure remediation actions may make, each named by the RBAC
 * operation that allows it (the custom role of `cloudward policy azure --remediation` lists
 * exactly these). The write client refuses any other request.
 */

const SEG = '[^/?#]+';
const NSG_RULE = new RegExp(
  `^/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.Network/networkSecurityGroups/${SEG}/securityRules/${SEG}$`,
  'i',
);
const STORAGE_ACCOUNT = new RegExp(
  `^/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.Storage/storageAccounts/${SEG}$`,
  'i',
);

export const AZURE_ACTION_CALLS: readonly RestCallSpec[] = [
  {
    action: 'Microsoft.Network/networkSecurityGroups/securityRules/read',
    method: 'GET',
    api: 'arm',
    path: NSG_RULE,
  },
  {
    action: 'Microsoft.Network/networkSecurityGroups/securityRules/delete',
    method: 'DELETE',
    api: 'arm',
    path: NSG_RULE,
  },
  {
    action: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
    method: 'PUT',
    api: 'arm',
    path: NSG_RULE,
  },
  { action: 'Microsoft.Storage/storageAccounts/read', method: 'GET', api: 'arm', path: STORAGE_ACCOUNT },
  { action: 'Microsoft.Storage/storageAccounts/write', method: 'PATCH', api: 'arm', path: STORAGE_ACCOUNT },
];
