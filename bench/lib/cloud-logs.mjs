// Azure Activity Log, GCP Audit Log and Entra ID sign-in records in the shapes the clouds write
// them: an Activity Log export to storage ({"records": [...]}, one record per operation), Cloud
// Logging LogEntry lines (a sink to storage writes one JSON entry per line), and a Microsoft Graph
// signIns answer ({"value": [...]}). Record i is the same on every run, so tests know the answers.

export const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
export const PROJECT = 'prod-project-123';
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const USERS = ['dana@contoso.example', 'erin@contoso.example', 'frank@contoso.example'];
const ADDRESSES = ['203.0.113.50', '198.51.100.7', '192.0.2.140'];
const iso = (ms) => new Date(ms).toISOString();

const AZURE_OPS = [
  ['Microsoft.Compute/virtualMachines/read', 'Succeeded'],
  ['Microsoft.Network/networkSecurityGroups/securityRules/write', 'Succeeded'],
  ['Microsoft.KeyVault/vaults/delete', 'Failed'],
  ['Microsoft.Authorization/roleAssignments/write', 'Succeeded'],
];

/** An Activity Log record as the diagnostic export to storage writes it. */
export function azureActivityRecord(i, start = Date.parse('2026-11-02T08:00:00Z')) {
  const [op, result] = AZURE_OPS[i % AZURE_OPS.length];
  const user = USERS[i % USERS.length];
  const provider = op.split('/')[0];
  const type = op.split('/').slice(1, -1).join('/');
  const resourceId = `/SUBSCRIPTIONS/${SUBSCRIPTION.toUpperCase()}/RESOURCEGROUPS/PROD-RG/PROVIDERS/${provider.toUpperCase()}/${type.toUpperCase()}/RES-${i % 50}`;
  const failed = result === 'Failed';
  return {
    time: iso(start + i * 1000),
    resourceId,
    operationName: op.toUpperCase(),
    category: 'Administrative',
    resultType: failed ? 'Failure' : 'Success',
    resultSignature: failed ? 'Failed.Forbidden' : 'Succeeded.',
    durationMs: '120',
    callerIpAddress: ADDRESSES[i % ADDRESSES.length],
    correlationId: `corr-${i}`,
    identity: {
      authorization: { scope: resourceId.toLowerCase(), action: op },
      claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': user, name: user },
    },
    level: failed ? 'Error' : 'Information',
    location: 'westeurope',
    properties: {
      eventCategory: 'Administrative',
      entity: resourceId.toLowerCase(),
      ...(failed
        ? { statusCode: 'Forbidden', statusMessage: '{"error":{"code":"AuthorizationFailed"}}' }
        : {}),
    },
  };
}

const GCP_METHODS = [
  ['compute.googleapis.com', 'v1.compute.instances.list', 0, 'data_access'],
  ['compute.googleapis.com', 'v1.compute.firewalls.insert', 0, 'activity'],
  ['iam.googleapis.com', 'google.iam.admin.v1.CreateServiceAccountKey', 7, 'activity'],
  ['storage.googleapis.com', 'storage.setIamPermissions', 0, 'activity'],
];

/** A Cloud Audit Logs LogEntry, as a logging sink writes it (one per line). */
export function gcpAuditEntry(i, start = Date.parse('2026-11-02T08:00:00Z')) {
  const [service, method, code, log] = GCP_METHODS[i % GCP_METHODS.length];
  return {
    insertId: `gcp-${i}`,
    logName: `projects/${PROJECT}/logs/cloudaudit.googleapis.com%2F${log}`,
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: {
        principalEmail: USERS[i % USERS.length].replace('contoso.example', 'example.org'),
      },
      methodName: method,
      requestMetadata: {
        callerIp: ADDRESSES[i % ADDRESSES.length],
        callerSuppliedUserAgent: 'google-cloud-sdk gcloud/470.0.0',
      },
      resourceName: `projects/${PROJECT}/resources/r-${i % 50}`,
      serviceName: service,
      ...(code ? { status: { code, message: 'Permission denied on resource' } } : {}),
    },
    receiveTimestamp: iso(start + i * 1000 + 500),
    resource: { labels: { project_id: PROJECT, zone: 'europe-west1-b' }, type: 'gce_instance' },
    severity: code ? 'ERROR' : 'NOTICE',
    timestamp: iso(start + i * 1000),
  };
}

/** An Entra ID sign-in, as Microsoft Graph's auditLogs/signIns answers it. */
export function entraSignIn(i, start = Date.parse('2026-11-02T08:00:00Z')) {
  const failed = i % 5 === 4;
  return {
    id: `signin-${i}`,
    createdDateTime: iso(start + i * 1000),
    userDisplayName: USERS[i % USERS.length],
    userPrincipalName: USERS[i % USERS.length],
    userId: `user-${i % USERS.length}`,
    appId: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064',
    appDisplayName: 'Azure Portal',
    ipAddress: ADDRESSES[i % ADDRESSES.length],
    clientAppUsed: 'Browser',
    correlationId: `corr-${i}`,
    tenantId: TENANT,
    isInteractive: true,
    resourceDisplayName: 'Windows Azure Service Management API',
    status: failed ? { errorCode: 50126, failureReason: 'Invalid username or password.' } : { errorCode: 0 },
    location: { city: 'Dublin', countryOrRegion: 'IE' },
  };
}

export const azureActivityFile = (records) => JSON.stringify({ records });
export const gcpAuditLines = (entries) => `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`;
export const entraSignInsAnswer = (value) =>
  JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value });
