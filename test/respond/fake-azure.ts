import { randomUUID } from 'node:crypto';
import { NETWORK_API_VERSION } from '../../src/providers/azure/resources/network-nsg.js';
import { STORAGE_API_VERSION } from '../../src/providers/azure/resources/storage-account.js';
import {
  type AzureFixture,
  armError,
  type FixtureAnswer,
  type FixtureRequest,
  startAzureFixture,
} from '../providers/azure/fixture-server.js';
import { SUB_A, subscriptionItem } from '../providers/azure/helpers.js';

/*
 * Stateful Azure Resource Manager answers for remediation tests, on the HTTPS fixture server
 * (bearer tokens checked, TLS with the fixture's CA): one network security group's rules and
 * one storage account, in Resource Manager's shapes, changed by the PUT, DELETE and PATCH the
 * write client sends, so a re-read shows the effect.
 */

export const SUB = SUB_A;
export const RG = 'rg-web';
export const NSG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-web`;
export const ACCOUNT_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/stwebpublic`;

export type RuleProperties = Record<string, unknown>;

/** An inbound rule as Resource Manager keeps it. */
export function ruleProperties(o: { port: string; source: string; access?: string; priority?: number }) {
  return {
    provisioningState: 'Succeeded',
    protocol: 'Tcp',
    sourcePortRange: '*',
    destinationPortRange: o.port,
    sourceAddressPrefix: o.source,
    destinationAddressPrefix: '*',
    access: o.access ?? 'Allow',
    priority: o.priority ?? 100,
    direction: 'Inbound',
    description: 'opened for a demo',
    sourcePortRanges: [],
    destinationPortRanges: [],
    sourceAddressPrefixes: [],
    destinationAddressPrefixes: [],
  };
}

const etag = () => `W/"${randomUUID()}"`;

export async function startFakeAzure() {
  const fx: AzureFixture = await startAzureFixture();
  const rules = new Map<string, RuleProperties>();
  const account = { allowBlobPublicAccess: true as boolean | undefined, exists: true };
  /** the writes that reached the server: `METHOD path` */
  const writes: string[] = [];

  const ruleBody = (name: string, p: RuleProperties) => ({
    name,
    id: `${NSG_ID}/securityRules/${name}`,
    etag: etag(),
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: p,
  });
  const accountBody = () => ({
    id: ACCOUNT_ID,
    name: 'stwebpublic',
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      ...(account.allowBlobPublicAccess === undefined
        ? {}
        : { allowBlobPublicAccess: account.allowBlobPublicAccess }),
      primaryEndpoints: { blob: 'https://stwebpublic.blob.core.windows.net/' },
    },
  });

  const ruleRoute =
    (name: string) =>
    (req: FixtureRequest): FixtureAnswer => {
      if (req.query.get('api-version') !== NETWORK_API_VERSION)
        return armError(400, 'InvalidApiVersionParameter', 'unsupported api-version');
      const rule = rules.get(name);
      const asyncHeaders = {
        'azure-asyncoperation': `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.Network/locations/westeurope/operations/${randomUUID()}?api-version=${NETWORK_API_VERSION}`,
      };
      if (req.method !== 'GET') writes.push(`${req.method} ${req.path}`);
      switch (req.method) {
        case 'GET':
          return rule
            ? { body: ruleBody(name, rule) }
            : armError(404, 'NotFound', `Resource ${NSG_ID}/securityRules/${name} not found.`);
        case 'DELETE':
          if (!rule) return { status: 204 };
          rules.delete(name);
          return {
            status: 202,
            headers: { ...asyncHeaders, location: asyncHeaders['azure-asyncoperation'] },
          };
        case 'PUT': {
          const body = JSON.parse(req.body || '{}') as { properties?: RuleProperties };
          if (!body.properties?.access || !body.properties.direction || !body.properties.priority)
            return armError(
              400,
              'InvalidRequestFormat',
              'Cannot parse the request: access, direction and priority are required.',
            );
          const created = !rule;
          rules.set(name, { ...body.properties, provisioningState: 'Succeeded' });
          return {
            status: created ? 201 : 200,
            body: ruleBody(name, { ...body.properties, provisioningState: 'Updating' }),
            headers: asyncHeaders,
          };
        }
        default:
          return armError(405, 'MethodNotAllowed', 'not allowed');
      }
    };

  const addRule = (name: string, p: RuleProperties) => {
    rules.set(name, p);
    const path = `${NSG_ID}/securityRules/${name}`;
    for (const m of ['GET', 'PUT', 'DELETE']) fx.routes[`arm ${m} ${path}`] = ruleRoute(name);
  };

  const accountRoute = (req: FixtureRequest): FixtureAnswer => {
    if (req.query.get('api-version') !== STORAGE_API_VERSION)
      return armError(400, 'InvalidApiVersionParameter', 'unsupported api-version');
    if (!account.exists)
      return armError(404, 'ResourceNotFound', `The Resource '${ACCOUNT_ID}' was not found.`);
    if (req.method === 'PATCH') {
      writes.push(`PATCH ${req.path}`);
      const body = JSON.parse(req.body || '{}') as { properties?: { allowBlobPublicAccess?: unknown } };
      const v = body.properties?.allowBlobPublicAccess;
      if (typeof v !== 'boolean') return armError(400, 'InvalidRequestContent', 'allowBlobPublicAccess');
      account.allowBlobPublicAccess = v;
    }
    return { body: accountBody() };
  };

  fx.routes[`arm /subscriptions/${SUB}?api-version=2022-12-01`] = {
    body: subscriptionItem(SUB, 'Production'),
  };
  fx.routes[`arm GET ${ACCOUNT_ID}`] = accountRoute;
  fx.routes[`arm PATCH ${ACCOUNT_ID}`] = accountRoute;

  return {
    fx,
    rules,
    account,
    writes,
    addRule,
    /** the seams an Azure action session takes to reach the fixture */
    seams: (credential: import('@azure/core-auth').TokenCredential) => ({
      credential,
      ca: fx.pki.caPem,
      env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
    }),
    close: () => fx.close(),
  };
}

export type FakeAzure = Awaited<ReturnType<typeof startFakeAzure>>;
