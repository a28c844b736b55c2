import type { RestParams } from '../../kit/rest-action.js';
import { type AzureRead, armIdOf, azureTarget, defineAzureAction } from '../action.js';
import { STORAGE_API_VERSION } from '../resources/storage-account.js';

const READ = 'Microsoft.Storage/storageAccounts/read';
const WRITE = 'Microsoft.Storage/storageAccounts/write';

const request = (account: string, method: RestParams['method'], body?: unknown): RestParams => ({
  method,
  api: 'arm',
  path: account,
  query: { 'api-version': STORAGE_API_VERSION },
  ...(body !== undefined ? { body } : {}),
});

/** allowBlobPublicAccess as the account has it; accounts created before 2023 may not say (allowed). */
async function allowed(read: AzureRead, account: string): Promise<boolean | undefined | null> {
  const a = await read(READ, request(account, 'GET'));
  if (!a) return null;
  const v = (a.properties as { allowBlobPublicAccess?: unknown } | undefined)?.allowBlobPublicAccess;
  return typeof v === 'boolean' ? v : undefined;
}

export default defineAzureAction({
  id: 'azure.storage.disable_blob_public_access',
  title: 'Turn off anonymous blob access on a storage account',
  fixes: ['azure.storage.account_blob_anonymous_access_disabled'],
  writes: [WRITE],
  reads: [READ],
  target(finding) {
    const sa = armIdOf(finding.com.reference, 'Microsoft.Storage', 'storageAccounts');
    if (finding.com.cloud_type !== 'azure' || !sa)
      return { refused: `${finding.com.reference} is not a storage account` };
    return azureTarget(finding, sa.subscription, { account: sa.id });
  },
  async plan(t, read) {
    const account = t.details.account ?? '';
    const now = await allowed(read, account);
    const before = { allowBlobPublicAccess: now ?? null };
    if (now === null) return { calls: [], undo: [], before, noop: `${t.name} no longer exists` };
    if (now === false)
      return { calls: [], undo: [], before, noop: `${t.name} already disallows anonymous blob access` };
    return {
      before,
      calls: [
        {
          action: WRITE,
          params: { ...request(account, 'PATCH', { properties: { allowBlobPublicAccess: false } }) },
          why: 'containers can no longer be made public; public ones stop being readable anonymously',
        },
      ],
      // an account that did not say allowed anonymous access: the undo says so explicitly
      undo: [
        {
          action: WRITE,
          params: { ...request(account, 'PATCH', { properties: { allowBlobPublicAccess: true } }) },
        },
      ],
    };
  },
  async verify(t, read) {
    return (await allowed(read, t.details.account ?? '')) === false;
  },
});
