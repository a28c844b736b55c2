import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksOf } from '../../src/core/exposure.js';
import { type FindingRecord, findingRecordSchema } from '../../src/core/record.js';
import { SUBSCRIPTIONS_API_VERSION } from '../../src/providers/azure/scopes.js';
import { runCli } from '../helpers/run-cli.js';
import {
  ALERTED_OPERATIONS,
  activityLogAlert,
  activityLogDiagnostics,
  BAD_NSG_RULES,
  BAD_STORAGE_SETTINGS,
  BAD_VAULT_SETTINGS,
  badNsg,
  bastionHost,
  bastionListKey,
  customRole,
  goodNsg,
  keyVault,
  keyVaultListKey,
  keyVaultRoutes,
  nsgListKey,
  pricings,
  ROLE,
  roleAssignment,
  roleAssignmentsKey,
  rootRoleAssignmentsKey,
  routeKey,
  STORAGE_CHECKS,
  STORAGE_SERVICE_CHECKS,
  securityContacts,
  securitySettings,
  storageAccount,
  storageListKey,
  storageServiceRoutes,
  subscriptionRoutes,
  userRegistrationItem,
  virtualMachine,
  vmRoutes,
  webSite,
  webSiteRoutes,
} from '../providers/azure/estate.js';
import {
  BAD_SQL_SETTINGS,
  ddosPlanId,
  emptyDataRoutes,
  FLEXIBLE_CHECKS,
  flexibleServer,
  flexibleServerRoutes,
  flowLog,
  networkLoggingRoutes,
  networkWatcher,
  SQL_CHECKS,
  sqlServer,
  sqlServerRoutes,
  virtualNetwork,
} from '../providers/azure/estate-data.js';
import {
  appInsightsComponent,
  appInsightsListKey,
  BAD_WORKSPACE_CHECKS,
  databricksListKey,
  databricksRoutes,
  databricksWorkspace,
} from '../providers/azure/estate-databricks.js';
import { diskListKey, lockListKey, publicIpListKey } from '../providers/azure/estate-inventory.js';
import {
  applicationGateway,
  networkGatewayRoutes,
  OLD_TLS,
  STRONG_TLS,
  virtualNetworkGateway,
  wafPolicy,
} from '../providers/azure/estate-network.js';
import {
  type AzureFixture,
  armError,
  armList,
  armThrottled,
  graphList,
  startAzureFixture,
} from '../providers/azure/fixture-server.js';
import { SUB_A, SUB_B, subscriptionItem } from '../providers/azure/helpers.js';
import { installStandinAz, type StandinAz } from '../providers/azure/standin-az.js';
import { TEST_TENANT } from '../providers/azure/tokens.js';

/**
 * `cloudward scan azure` end to end, in a child process as a user runs it: the Azure CLI
 * credential through a stand-in `az` on PATH, Resource Manager and Graph overridden to the HTTPS
 * fixture server by the environment variables, its CA trusted through NODE_EXTRA_CA_CERTS, two
 * subscriptions with planted misconfigurations next to compliant counterparts.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

let fx: AzureFixture;
let az: StandinAz;
let dir: string;

beforeAll(async () => {
  fx = await startAzureFixture();
  az = installStandinAz({ secret: fx.secret });
  dir = mkdtempSync(join(tmpdir(), 'cw-scan-azure-'));
});
afterAll(async () => {
  az.close();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

function runScan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {
    PATH: az.path,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    NO_COLOR: '1',
    CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
    CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
    CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
    NODE_EXTRA_CA_CERTS: fx.pki.caFile,
  };
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(root, 'test', 'store', 'ts-loader', 'register.mjs'),
      join(root, 'src', 'cli', 'main.ts'),
      '--db',
      join(dir, 'cw.db'),
      ...args,
    ],
    { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** What Staging has wrong at subscription level; Production has every setting right. */
const STAGING_SETTINGS_FAILING = [
  'azure.authorization.subscription_owners_two_to_three',
  'azure.network.bastion_host_exists',
  'azure.defender.endpoint_protection',
  'azure.defender.security_contact_email',
  'azure.defender.servers_enabled',
  'azure.monitor.activity_log_categories',
  'azure.monitor.activity_log_exported',
  'azure.monitor.application_insights_configured',
  'azure.monitor.policy_assignment_delete_alert',
  'azure.monitor.policy_assignment_write_alert',
  'azure.monitor.public_ip_delete_alert',
  'azure.monitor.public_ip_write_alert',
  'azure.monitor.security_solution_delete_alert',
  'azure.monitor.security_solution_write_alert',
  'azure.monitor.service_health_alert',
  'azure.monitor.sql_firewall_rule_delete_alert',
  'azure.monitor.sql_firewall_rule_write_alert',
].sort();

const ROOT_UAA_PRINCIPAL = 'a1b2c3d4-0000-4000-8000-000000000003';
const ROOT_UAA = `User Access Administrator for User ${ROOT_UAA_PRINCIPAL} at /`;

/**
 * Virtual machines, App Service apps, role assignments and Bastion hosts: Production has every
 * setting right (two owners, one of them a group inherited from a management group; a Bastion
 * host); Staging has one owner, no Bastion host, a VM without periodic update assessment and an
 * app whose HTTP logs go nowhere; the tenant's root keeps a User Access Administrator.
 */
function plantComputeAndAccess(): void {
  Object.assign(
    fx.routes,
    vmRoutes(SUB_A, [{ vm: virtualMachine(SUB_A, 'apps', 'prodvm', { patched: true }), cmk: true }]),
    vmRoutes(SUB_B, [
      { vm: virtualMachine(SUB_B, 'apps', 'stagingvmgood', { os: 'Windows', patched: true }), cmk: true },
      { vm: virtualMachine(SUB_B, 'apps', 'stagingvmbad', { patched: false }), cmk: false },
    ]),
    webSiteRoutes(SUB_A, [{ site: webSite(SUB_A, 'apps', 'prodshop'), good: true }]),
    webSiteRoutes(SUB_B, [
      { site: webSite(SUB_B, 'apps', 'stagingshop'), good: true, httpLogs: false },
      { site: webSite(SUB_B, 'apps', 'stagingapi'), good: true },
    ]),
  );
  fx.routes[roleAssignmentsKey(SUB_A)] = armList(
    [
      roleAssignment(`/subscriptions/${SUB_A}`, ROLE.owner, '0cbd037f-0000-4000-8000-000000000001'),
      roleAssignment(
        '/providers/Microsoft.Management/managementGroups/platform',
        ROLE.owner,
        '11be1c9d-0000-4000-8000-000000000002',
        'Group',
      ),
      roleAssignment(`/subscriptions/${SUB_A}`, ROLE.reader, '20667898-0000-4000-8000-000000000004'),
    ],
    { pageSize: 2 },
  );
  fx.routes[roleAssignmentsKey(SUB_B)] = armList([
    roleAssignment(`/subscriptions/${SUB_B}`, ROLE.owner, '0cbd037f-0000-4000-8000-000000000001'),
    roleAssignment(`/subscriptions/${SUB_B}`, ROLE.reader, '20667898-0000-4000-8000-000000000004'),
  ]);
  fx.routes[rootRoleAssignmentsKey] = armList([
    roleAssignment('/', ROLE.userAccessAdministrator, ROOT_UAA_PRINCIPAL),
    roleAssignment('/', ROLE.reader, '20667898-0000-4000-8000-000000000004', 'ServicePrincipal'),
  ]);
  fx.routes[bastionListKey(SUB_A)] = armList([bastionHost(SUB_A, 'hub', 'prodbastion')]);
  fx.routes[bastionListKey(SUB_B)] = armList([]);
}

function plantSubscriptionSettings(): void {
  fx.routes[routeKey.pricings(SUB_A)] = { body: pricings(SUB_A) };
  fx.routes[routeKey.pricings(SUB_B)] = { body: pricings(SUB_B, ['VirtualMachines']) };
  fx.routes[routeKey.settings(SUB_A)] = { body: securitySettings(SUB_A, true) };
  fx.routes[routeKey.settings(SUB_B)] = { body: securitySettings(SUB_B, false) };
  fx.routes[routeKey.contacts(SUB_A)] = { body: securityContacts(SUB_A) };
  fx.routes[routeKey.contacts(SUB_B)] = { body: securityContacts(SUB_B, { emails: '' }) };
  fx.routes[routeKey.diagnostics(SUB_A)] = {
    body: activityLogDiagnostics(SUB_A, ['Administrative', 'Security', 'Alert', 'Policy']),
  };
  fx.routes[routeKey.diagnostics(SUB_B)] = { body: { value: [] } };
  fx.routes[routeKey.alerts(SUB_A)] = armList([
    ...ALERTED_OPERATIONS.map((operation, i) => activityLogAlert(SUB_A, `cis-${i}`, { operation })),
    activityLogAlert(SUB_A, 'service-health', { category: 'ServiceHealth' }),
  ]);
  fx.routes[routeKey.alerts(SUB_B)] = armList([
    activityLogAlert(SUB_B, 'nsg-changes', { operation: 'Microsoft.Network/networkSecurityGroups/write' }),
    activityLogAlert(SUB_B, 'nsg-deletes', { operation: 'Microsoft.Network/networkSecurityGroups/delete' }),
  ]);
  fx.routes[routeKey.roles(SUB_A)] = armList([
    customRole(SUB_A, 'ops-readers', ['Microsoft.Compute/*/read']),
  ]);
  fx.routes[routeKey.roles(SUB_B)] = armList([customRole(SUB_B, 'ops-everything', ['*'])]);
  fx.routes[routeKey.securityDefaults] = {
    body: {
      '@odata.context':
        'https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity',
      id: '00000000-0000-0000-0000-000000000005',
      displayName: 'Security Defaults',
      description:
        'Security defaults is a set of basic identity security mechanisms recommended by Microsoft.',
      isEnabled: false,
    },
  };
  fx.routes[routeKey.authorizationPolicy] = {
    body: {
      id: 'authorizationPolicy',
      allowInvitesFrom: 'adminsAndGuestInviters',
      guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b',
      defaultUserRolePermissions: {
        allowedToCreateApps: false,
        allowedToCreateSecurityGroups: false,
        allowedToCreateTenants: false,
        allowedToReadOtherUsers: true,
      },
    },
  };
  for (const sub of [SUB_A, SUB_B]) {
    fx.routes[`arm /subscriptions/${sub}/providers/Microsoft.Insights/logprofiles?api-version=2016-03-01`] = {
      body: { value: [] },
    };
  }
  fx.routes[routeKey.conditionalAccess] = graphList([
    {
      id: '4f6a0b1e-0000-4000-8000-00000000ca01',
      displayName: 'Require MFA (report only)',
      state: 'enabledForReportingButNotEnforced',
      grantControls: { operator: 'OR', builtInControls: ['mfa'] },
    },
  ]);
  fx.routes[routeKey.userRegistration] = graphList(
    [
      userRegistrationItem('9a8b7c6d-0000-4000-8000-00000000a0a1', 'ana@contoso.example', true),
      userRegistrationItem('9a8b7c6d-0000-4000-8000-00000000b0b2', 'bob@contoso.example', false),
    ],
    { pageSize: 1 },
  );
}

/**
 * Production: one region without a watcher, a spoke network with a subnet without NSG and no
 * DDoS protection plan, two short flow logs; Staging: all right.
 */
function plantNetworkLogging(): void {
  const we = networkWatcher(SUB_A, 'westeurope');
  const hub = virtualNetwork(
    SUB_A,
    'net',
    'vnet-hub',
    'westeurope',
    [
      ['app', 'prodnsggood'],
      ['GatewaySubnet', null],
    ],
    ddosPlanId(SUB_A),
  );
  const spoke = virtualNetwork(SUB_A, 'net', 'vnet-spoke', 'northeurope', [['data', null]]);
  const databricks = virtualNetwork(SUB_A, 'net', 'vnet-databricks', 'westeurope', DATABRICKS_SUBNETS);
  const nsg = (name: string) =>
    `/subscriptions/${SUB_A}/resourceGroups/net/providers/Microsoft.Network/networkSecurityGroups/${name}`;
  Object.assign(
    fx.routes,
    networkLoggingRoutes(
      SUB_A,
      [hub, spoke, databricks],
      [
        {
          watcher: we,
          flowLogs: [
            flowLog(we, 'fl-web', nsg('prodnsggood'), 90),
            flowLog(we, 'fl-web-short', nsg('prodnsgbad'), 30),
            flowLog(we, 'fl-hub', hub.id, null),
            flowLog(we, 'fl-spoke-short', spoke.id, 7),
          ],
        },
      ],
    ),
  );
  const staging = networkWatcher(SUB_B, 'westeurope');
  Object.assign(
    fx.routes,
    networkLoggingRoutes(
      SUB_B,
      [
        virtualNetwork(
          SUB_B,
          'net',
          'vnet-staging',
          'westeurope',
          [['web', 'stagingnsg']],
          ddosPlanId(SUB_A),
        ),
      ],
      [{ watcher: staging, flowLogs: [] }],
    ),
  );
}

/** The application gateway checks a planted bad gateway fails, and the WAF policy checks a planted bad policy fails. */
const APP_GATEWAY_CHECKS = [
  'azure.network.app_gateway_http2_enabled',
  'azure.network.app_gateway_min_tls_1_2',
  'azure.network.app_gateway_waf_enabled',
];
const WAF_POLICY_CHECKS = [
  'azure.network.waf_policy_bot_protection',
  'azure.network.waf_policy_request_body_inspection',
];

/**
 * Production: a compliant application gateway, WAF policy and Entra-only VPN gateway beside a
 * Standard_v2 gateway on the 2015 TLS policy without HTTP/2, a WAF policy without body
 * inspection or bot protection, a VPN gateway taking certificates and a site-to-site-only one
 * (not applicable); Staging has no gateways.
 */
function plantGateways(): void {
  const wafGood = wafPolicy(SUB_A, 'web', 'wafprodgood', { requestBodyCheck: true, bots: true });
  Object.assign(
    fx.routes,
    networkGatewayRoutes(SUB_A, {
      appGateways: [
        applicationGateway(SUB_A, 'web', 'agwprodgood', {
          wafPolicy: wafGood.id,
          http2: true,
          sslPolicy: STRONG_TLS,
        }),
        applicationGateway(SUB_A, 'web', 'agwprodbad', { sslPolicy: OLD_TLS }),
      ],
      wafPolicies: [wafGood, wafPolicy(SUB_A, 'web', 'wafprodbad', { requestBodyCheck: false, bots: false })],
      vpnGateways: [
        virtualNetworkGateway(SUB_A, 'hub', 'vpnprodentra', ['AAD']),
        virtualNetworkGateway(SUB_A, 'hub', 'vpnprodcerts', ['Certificate']),
        virtualNetworkGateway(SUB_A, 'branch', 'vpnprods2s', null),
      ],
    }),
    networkGatewayRoutes(SUB_B, {}),
  );
}

/** The subnets of Production's Databricks network: the third workspace's public subnet has no NSG. */
const DATABRICKS_SUBNETS: [string, string | null][] = [
  ['dbw-public', 'prodnsggood'],
  ['dbw-private', 'prodnsggood'],
  ['dbw-open-public', null],
];

/**
 * Databricks and Application Insights: Production has a compliant workspace, one left on every
 * default (Databricks' own network, cluster public IPs, public access, no private endpoint, no
 * logs) and one injected into a subnet without NSG, and an Application Insights component;
 * Staging never registered Microsoft.Databricks (not applicable) and has no component.
 */
function plantDatabricksAndInsights(): void {
  const vnet = `/subscriptions/${SUB_A}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-databricks`;
  Object.assign(
    fx.routes,
    databricksRoutes(SUB_A, [
      {
        workspace: databricksWorkspace(SUB_A, 'analytics', 'dbwgood', {
          vnet: { id: vnet, publicSubnet: 'dbw-public', privateSubnet: 'dbw-private' },
          noPublicIp: true,
          publicNetworkAccess: 'Disabled',
        }),
        endpoint: 'Approved',
        logs: true,
      },
      {
        workspace: databricksWorkspace(SUB_A, 'analytics', 'dbwbad', { vnet: null, noPublicIp: false }),
        endpoint: null,
        logs: false,
      },
      {
        workspace: databricksWorkspace(SUB_A, 'analytics', 'dbwsubnets', {
          vnet: { id: vnet, publicSubnet: 'dbw-open-public', privateSubnet: 'dbw-private' },
          noPublicIp: true,
          publicNetworkAccess: 'Disabled',
        }),
        endpoint: 'Approved',
        logs: true,
      },
    ]),
  );
  fx.routes[databricksListKey(SUB_B)] = armError(
    409,
    'MissingSubscriptionRegistration',
    "The subscription is not registered to use namespace 'Microsoft.Databricks'. See https://aka.ms/rps-not-found for how to register subscriptions.",
  );
  fx.routes[appInsightsListKey(SUB_A)] = armList([appInsightsComponent(SUB_A, 'apps', 'prod-insights')]);
  fx.routes[appInsightsListKey(SUB_B)] = armList([]);
}

describe('cloudward scan azure', () => {
  it('collects two subscriptions with the Azure CLI credential and reports every planted CIS v6.0 failure, and only those', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([
        [SUB_A, 'Production'],
        [SUB_B, 'Staging'],
      ]),
    );
    const prodGood = storageAccount(SUB_A, 'data', 'prodgood');
    const prodBad = storageAccount(SUB_A, 'data', 'prodbad', BAD_STORAGE_SETTINGS, 'Standard_LRS');
    const stagingGood = storageAccount(SUB_B, 'web', 'staginggood');
    const stagingTls = storageAccount(SUB_B, 'web', 'stagingtls', { minimumTlsVersion: 'TLS1_1' });
    fx.routes[storageListKey(SUB_A)] = armList([prodGood, prodBad], { pageSize: 1 });
    fx.routes[storageListKey(SUB_B)] = [
      armThrottled(1, SUB_B),
      { body: { value: [stagingGood, stagingTls] } },
    ];
    Object.assign(
      fx.routes,
      storageServiceRoutes([
        { account: prodGood, good: true },
        { account: prodBad, good: false },
        { account: stagingGood, good: true },
        { account: stagingTls, good: true },
      ]),
    );
    fx.routes[nsgListKey(SUB_A)] = armList(
      [goodNsg(SUB_A, 'net', 'prodnsggood'), badNsg(SUB_A, 'net', 'prodnsgbad')],
      {
        pageSize: 1,
      },
    );
    fx.routes[nsgListKey(SUB_B)] = armList([goodNsg(SUB_B, 'net', 'stagingnsg')]);
    Object.assign(
      fx.routes,
      keyVaultRoutes(SUB_A, [
        { vault: keyVault(SUB_A, 'sec', 'kvgood'), expiring: true },
        { vault: keyVault(SUB_A, 'sec', 'kvbad', BAD_VAULT_SETTINGS), expiring: false },
      ]),
      keyVaultRoutes(SUB_B, [{ vault: keyVault(SUB_B, 'sec', 'kvforever'), expiring: false }]),
    );

    plantNetworkLogging();
    plantGateways();
    plantSubscriptionSettings();
    plantComputeAndAccess();
    plantDatabricksAndInsights();
    const r = await runScan([
      'scan',
      'azure',
      '--credential',
      'cli',
      '--framework',
      'cis-azure-6.0',
      '--format',
      'json',
      '--quiet',
      '--fail-on',
      'high',
    ]);
    expect(fx.refused).toEqual([]);
    expect(fx.unmatched).toEqual([]);
    // a high-severity failure is planted: --fail-on high exits 1
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: unknown[] };
    const findings = doc.findings.map((f) => findingRecordSchema.parse(f)) as FindingRecord[];
    const failed = new Map<string, Set<string>>();
    for (const f of findings) {
      if (f.com.status !== 'fail') continue;
      for (const c of checksOf(f)) failed.set(f.com.name, (failed.get(f.com.name) ?? new Set()).add(c));
    }
    expect([...(failed.get('prodbad') ?? [])].sort()).toEqual(
      [...STORAGE_CHECKS, ...STORAGE_SERVICE_CHECKS].sort(),
    );
    expect([...(failed.get('stagingtls') ?? [])]).toEqual(['azure.storage.account_min_tls_1_2']);
    expect(failed.has('prodgood')).toBe(false);
    expect(failed.has('staginggood')).toBe(false);
    // subscription-wide findings name the subscription, and their message the setting
    expect([...(failed.get('Staging') ?? [])].sort()).toEqual(STAGING_SETTINGS_FAILING);
    expect(failed.has('Production')).toBe(false);
    expect(
      findings.find((f) => f.ext.check_id === 'azure.defender.servers_enabled')?.com.description,
    ).toBeTruthy();
    expect(
      findings.find((f) => f.ext.check_id === 'azure.defender.servers_enabled' && f.com.status === 'fail')
        ?.ext,
    ).toMatchObject({ check_id: 'azure.defender.servers_enabled' });
    expect([...(failed.get('ops-everything') ?? [])]).toEqual([
      'azure.authorization.no_custom_subscription_owner_role',
    ]);
    expect(failed.has('ops-readers')).toBe(false);
    // the tenant: security defaults off with no conditional access, one user without MFA
    expect([...(failed.get(`Entra ID tenant ${TEST_TENANT}`) ?? [])]).toEqual([
      'azure.entra.security_defaults_enabled',
    ]);
    expect([...(failed.get('bob@contoso.example') ?? [])]).toEqual(['azure.entra.user_mfa_registered']);
    expect(failed.has('ana@contoso.example')).toBe(false);
    // Graph was called with a Graph token
    expect(
      fx.requests
        .filter((q) => q.api === 'graph')
        .every((q) => q.claims.aud === 'https://graph.microsoft.com'),
    ).toBe(true);
    // the vault certificates were read on the Key Vault data plane, with a Key Vault token
    const dataPlane = fx.requests.filter((q) => q.api === 'keyvault');
    expect(dataPlane.length).toBeGreaterThan(0);
    expect(dataPlane.every((q) => q.claims.aud === 'https://vault.azure.net')).toBe(true);
    // every planted NSG rule fails exactly its section 7 checks; no compliant or default rule is flagged
    for (const [rule, , checks] of BAD_NSG_RULES)
      expect([...(failed.get(`prodnsgbad/${rule}`) ?? [])].sort(), rule).toEqual([...checks].sort());
    expect([...(failed.get('kvbad') ?? [])].sort()).toEqual([
      'azure.keyvault.certificates_validity_12_months',
      'azure.keyvault.keys_expire_access_policy',
      'azure.keyvault.keys_rotate_automatically',
      'azure.keyvault.secrets_expire_access_policy',
      'azure.keyvault.vault_audit_logging',
      'azure.keyvault.vault_private_endpoint_used',
      'azure.keyvault.vault_public_network_access_disabled',
      'azure.keyvault.vault_purge_protection',
      'azure.keyvault.vault_rbac_authorization',
    ]);
    expect([...(failed.get('kvforever') ?? [])].sort()).toEqual([
      'azure.keyvault.certificates_validity_12_months',
      'azure.keyvault.keys_expire_rbac',
      'azure.keyvault.keys_rotate_automatically',
      'azure.keyvault.secrets_expire_rbac',
      'azure.keyvault.vault_audit_logging',
    ]);
    expect(failed.has('kvgood')).toBe(false);
    // VMs: only the one on the image default fails 8.1.10
    expect([...(failed.get('stagingvmbad') ?? [])]).toEqual(['azure.compute.vm_periodic_update_assessment']);
    expect(failed.has('stagingvmgood')).toBe(false);
    expect(failed.has('prodvm')).toBe(false);
    // the root's User Access Administrator is named by its assignment; the root Reader passes
    expect([...(failed.get(ROOT_UAA) ?? [])]).toEqual([
      'azure.authorization.no_root_user_access_administrator',
    ]);
    expect([...failed.keys()].filter((n) => n.includes(' at /'))).toEqual([ROOT_UAA]);
    const owners = findings.find(
      (f) =>
        f.ext.check_id === 'azure.authorization.subscription_owners_two_to_three' && f.com.account === SUB_B,
    );
    expect(owners?.com.status).toBe('fail');
    expect(owners?.com.compliance).toContain('cis-azure-6.0:5.7');
    const nsgFailures = [...failed.keys()].filter((n) => n.includes('nsg'));
    expect(nsgFailures.sort()).toEqual(BAD_NSG_RULES.map(([rule]) => `prodnsgbad/${rule}`).sort());
    // network logging: each planted flow log, region and subnet fails its section 7 check only
    expect([...(failed.get('fl-web-short') ?? [])]).toEqual(['azure.network.nsg_flow_log_retention_90_days']);
    expect([...(failed.get('fl-spoke-short') ?? [])]).toEqual([
      'azure.network.vnet_flow_log_retention_90_days',
    ]);
    expect([...(failed.get('Network Watcher in northeurope') ?? [])]).toEqual([
      'azure.network.watcher_enabled_in_used_regions',
    ]);
    expect([...(failed.get('vnet-spoke') ?? [])].sort()).toEqual([
      'azure.network.subnet_nsg_attached',
      'azure.network.vnet_ddos_protection',
    ]);
    // gateways: each planted one fails its section 7 checks; the compliant ones and the site-to-site VPN do not
    expect([...(failed.get('agwprodbad') ?? [])].sort()).toEqual(APP_GATEWAY_CHECKS);
    expect([...(failed.get('wafprodbad') ?? [])].sort()).toEqual(WAF_POLICY_CHECKS);
    expect([...(failed.get('vpnprodcerts') ?? [])]).toEqual(['azure.network.vpn_gateway_p2s_entra_id_only']);
    for (const good of ['agwprodgood', 'wafprodgood', 'vpnprodentra', 'vpnprods2s'])
      expect(failed.has(good), good).toBe(false);
    expect(
      findings.find(
        (f) => f.com.name === 'agwprodbad' && f.ext.check_id === 'azure.network.app_gateway_min_tls_1_2',
      )?.com.compliance,
    ).toContain('cis-azure-6.0:7.12');
    // Databricks: the workspace left on defaults fails its five controls, the one in a subnet
    // without NSG fails 2.1.2 (and its network 7.x); Staging's unregistered provider is not
    // applicable there: no failing or could-not-evaluate finding
    expect([...(failed.get('dbwbad') ?? [])].sort()).toEqual([...BAD_WORKSPACE_CHECKS].sort());
    expect([...(failed.get('dbwsubnets') ?? [])]).toEqual(['azure.databricks.workspace_subnets_have_nsg']);
    expect([...(failed.get('vnet-databricks') ?? [])].sort()).toEqual([
      'azure.network.subnet_nsg_attached',
      'azure.network.vnet_ddos_protection',
    ]);
    expect(failed.has('dbwgood')).toBe(false);
    expect(
      findings.filter(
        (f) => f.com.account === SUB_B && String(f.ext.check_id).startsWith('azure.databricks.'),
      ),
    ).toEqual([]);
    expect(failed.has('prod-insights')).toBe(false);
    for (const good of ['fl-web', 'fl-hub', 'vnet-hub', 'vnet-staging', 'Network Watcher in westeurope'])
      expect(failed.has(good), good).toBe(false);
    // nothing could not be evaluated
    expect(findings.filter((f) => f.com.status === 'error')).toEqual([]);
    // findings name their subscription, and carry the CIS v6.0 control
    const tls = findings.find((f) => f.com.name === 'stagingtls');
    expect(tls?.com.account).toBe(SUB_B);
    expect(tls?.com.compliance).toContain('cis-azure-6.0:9.3.6');
    // the Azure CLI was asked for a Resource Manager token
    expect(
      az.calls().some((c) => c.includes('--resource') && c.includes('https://management.azure.com')),
    ).toBe(true);
  }, 480_000);

  it('reports the App Service HTTP logs control of CIS v5.0 on the same estate', async () => {
    const r = await runScan([
      'scan',
      'azure',
      '--credential',
      'cli',
      '--framework',
      'cis-azure-5.0',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(fx.unmatched).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.map((f) =>
      findingRecordSchema.parse(f),
    ) as FindingRecord[];
    const failingOf = (name: string) =>
      findings.filter((f) => f.com.name === name && f.com.status === 'fail').flatMap((f) => checksOf(f));
    expect(failingOf('stagingshop')).toEqual(['azure.web.http_logs_enabled']);
    expect(failingOf('stagingapi')).toEqual([]);
    expect(failingOf('prodshop')).toEqual([]);
    expect(failingOf('stagingvmbad')).toEqual(['azure.compute.vm_periodic_update_assessment']);
    expect(failingOf('Staging')).toEqual(
      expect.arrayContaining([
        'azure.authorization.subscription_owners_two_to_three',
        'azure.network.bastion_host_exists',
      ]),
    );
    expect(failingOf('Production')).toEqual([]);
    const http = findings.find((f) => f.com.name === 'stagingshop' && f.com.status === 'fail');
    expect(http?.com.compliance).toContain('cis-azure-5.0:6.1.1.6');
    expect(findings.filter((f) => f.com.status === 'error')).toEqual([]);
  }, 180_000);

  it('reports a subscription it cannot read by name as could-not-evaluate, never as passing', async () => {
    fx.routes[`arm /subscriptions/${SUB_B}?api-version=${SUBSCRIPTIONS_API_VERSION}`] = {
      body: subscriptionItem(SUB_B, 'Staging'),
    };
    fx.routes[nsgListKey(SUB_B)] = armList([]);
    fx.routes[keyVaultListKey(SUB_B)] = armList([]);
    Object.assign(fx.routes, emptyDataRoutes(SUB_B));
    for (const key of [diskListKey(SUB_B), publicIpListKey(SUB_B), lockListKey(SUB_B)])
      fx.routes[key] = armList([]);
    fx.routes[storageListKey(SUB_B)] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read' over scope '/subscriptions/${SUB_B}'.`,
    );
    const r = await runScan(['scan', 'azure', '--credential', 'cli', '--subscriptions', SUB_B, '--details']);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Staging (${SUB_B})`);
    expect(text).toContain('AuthorizationFailed');
    expect(fx.unmatched).toEqual([]);
    // the storage checks, and the delete-lock check, which needs the accounts too
    expect(text).toContain(
      `COULD NOT EVALUATE (${STORAGE_CHECKS.length + STORAGE_SERVICE_CHECKS.length + 1})`,
    );
    // the subscription's other settings may fail; nothing of the unreadable storage is judged failing
    const failing = text.slice(text.indexOf('FAILING FINDINGS'), text.indexOf('COULD NOT EVALUATE ('));
    expect(failing).not.toContain('azure.storage.');
  }, 480_000);
});

describe('cloudward scan azure: databases', () => {
  it('reports every planted SQL, PostgreSQL and MySQL misconfiguration, and none of the compliant servers', async () => {
    const sqlGood = sqlServer(SUB_A, 'data', 'sqlgood');
    const sqlBad = sqlServer(SUB_A, 'data', 'sqlbad', BAD_SQL_SETTINGS);
    const sqlShort = sqlServer(SUB_A, 'data', 'sqlshort');
    Object.assign(
      fx.routes,
      emptyDataRoutes(SUB_B),
      sqlServerRoutes(SUB_A, [
        { server: sqlGood, plant: 'good' },
        { server: sqlBad, plant: 'bad' },
        { server: sqlShort, plant: 'short_retention' },
      ]),
    );
    for (const engine of ['postgresql', 'mysql'] as const)
      Object.assign(
        fx.routes,
        flexibleServerRoutes(engine, SUB_A, [
          { server: flexibleServer(engine, SUB_A, 'data', `${engine}good`), good: true },
          { server: flexibleServer(engine, SUB_A, 'data', `${engine}bad`), good: false },
        ]),
      );
    const r = await runScan([
      'scan',
      'azure',
      '--credential',
      'cli',
      '--checks',
      'azure.sql.*,azure.postgresql.*,azure.mysql.*,common.database.tls_enforced',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fx.unmatched).toEqual([]);
    const doc = JSON.parse(r.stdout) as { findings: unknown[] };
    const findings = doc.findings.map((f) => findingRecordSchema.parse(f)) as FindingRecord[];
    const failed = new Map<string, string[]>();
    for (const f of findings)
      if (f.com.status === 'fail')
        for (const c of checksOf(f)) failed.set(f.com.name, [...(failed.get(f.com.name) ?? []), c].sort());
    expect(failed.get('sqlbad')).toEqual([...SQL_CHECKS].sort());
    expect(failed.get('sqlshort')).toEqual(['azure.sql.server_audit_retention_90_days']);
    expect(failed.get('postgresqlbad')).toEqual([...FLEXIBLE_CHECKS.postgresql].sort());
    expect(failed.get('mysqlbad')).toEqual([...FLEXIBLE_CHECKS.mysql].sort());
    expect([...failed.keys()].sort()).toEqual(['mysqlbad', 'postgresqlbad', 'sqlbad', 'sqlshort']);
    expect(findings.filter((f) => f.com.status === 'error')).toEqual([]);
  }, 480_000);
});

describe('azure provider options', () => {
  it('are validated when the config loads, naming the field', async () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(
      cfg,
      'providers:\n  tenant:\n    type: azure\n    credential: password\n    subscriptions: [not-a-guid]\n',
    );
    const r = await runCli(['--config', cfg, 'scan', 'tenant']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('providers.tenant.credential');
    expect(r.stderr).toContain('providers.tenant.subscriptions[0]');
  });

  it('refuses --subscriptions that are not subscription ids', async () => {
    const r = await runCli(['scan', 'azure', '--subscriptions', 'prod,dev']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/subscriptions\[0\].*GUID/);
  });
});
