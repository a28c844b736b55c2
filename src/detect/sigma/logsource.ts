/**
 * Which Sigma `logsource` a Cloudward log source answers, and the field aliases that let SigmaHQ field
 * names find the fields of the events as the clouds deliver them.
 */
import type { FieldAliases } from './fields.js';
import type { Logsource } from './types.js';

export interface SourceId {
  product: string;
  service: string;
  /** further Sigma services the same reader answers (one Entra ID reader reads sign-in and audit logs) */
  also?: readonly string[];
}

/** The log sources Cloudward reads, as Sigma (product, service) pairs. */
export const SOURCES = {
  cloudtrail: { product: 'aws', service: 'cloudtrail' },
  /** Cloudward extension: AWS VPC flow logs (fields as in the flow log format, e.g. `srcaddr`, `action`). */
  vpcflow: { product: 'aws', service: 'vpcflow' },
  azureActivity: { product: 'azure', service: 'activitylogs' },
  gcpAudit: { product: 'gcp', service: 'gcp.audit' },
  /** Microsoft Entra ID sign-in and audit logs (Graph API or diagnostic-settings export), and risk events. */
  entraId: { product: 'azure', service: 'signinlogs', also: ['auditlogs', 'riskdetection'] },
} as const satisfies Record<string, SourceId>;

/** Logsources SigmaHQ uses that Cloudward recognises but has no reader for yet. */
export const UNMAPPED_LOGSOURCES: readonly SourceId[] = [
  { product: 'azure', service: 'pim' },
  { product: 'gcp', service: 'google_workspace.admin' },
  { product: 'gcp', service: 'google_workspace.login' },
];

const norm = (s: string | undefined): string | undefined => s?.trim().toLowerCase() || undefined;

/**
 * True when a rule written for `logsource` applies to events from `source`. Every attribute the rule
 * sets must agree; a rule with a `category` matches no Cloudward source (none declares a category).
 */
export function logsourceMatches(logsource: Logsource, source: SourceId): boolean {
  const product = norm(logsource.product);
  const service = norm(logsource.service);
  if (norm(logsource.category)) return false;
  if (product && product !== norm(source.product)) return false;
  if (service && service !== norm(source.service) && !source.also?.some((s) => norm(s) === service))
    return false;
  return true;
}

/** The Cloudward source a rule's logsource names, if any. */
export function sourceFor(logsource: Logsource): SourceId | undefined {
  if (!norm(logsource.product) && !norm(logsource.service)) return undefined;
  return Object.values(SOURCES).find((s) => logsourceMatches(logsource, s));
}

export function sourceKey(source: SourceId): string {
  return `${source.product}/${[source.service, ...(source.also ?? [])].join('+')}`;
}

/**
 * SigmaHQ rules name some fields as another product exported them (Elastic's `gcp.audit.*`, Azure
 * Monitor's `*Value` columns, a `data.` envelope). When such a field is missing from the event, the
 * name the cloud's own export uses is tried instead.
 */
const ALIASES: Record<string, FieldAliases> = {
  'gcp/gcp.audit': {
    exact: {
      'gcp.audit.method_name': ['protoPayload.methodName'],
      'gcp.audit.service_name': ['protoPayload.serviceName'],
      'gcp.audit.resource_name': ['protoPayload.resourceName'],
    },
    prefixes: [['data.protoPayload.', 'protoPayload.']],
  },
  'azure/activitylogs': {
    exact: {
      OperationNameValue: ['operationName', 'operationName.value'],
      CategoryValue: ['category', 'category.value'],
      ResourceId: ['resourceId'],
      ResourceProviderValue: ['resourceProviderName.value', 'resourceProviderName'],
      ActivityStatusValue: ['resultType', 'status.value'],
      Caller: [
        'caller',
        'identity.claims.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
        'identity.claims.name',
        'identity.claims.appid',
      ],
      CallerIpAddress: ['callerIpAddress'],
    },
  },
  // Our rules name the Graph object's fields; the diagnostic export nests that object under `properties`.
  // SigmaHQ rules name the Log Analytics columns (SigninLogs, AuditLogs tables).
  'azure/signinlogs+auditlogs+riskdetection': {
    exact: {
      ResultType: ['status.errorCode', 'resultType'],
      ResultDescription: ['status.failureReason', 'resultDescription'],
      Status: ['result'],
      UserPrincipalName: ['userPrincipalName'],
      AppDisplayName: ['appDisplayName'],
      AppId: ['appId'],
      IPAddress: ['ipAddress', 'callerIpAddress'],
      AuthenticationRequirement: ['authenticationRequirement'],
      ResourceDisplayName: ['resourceDisplayName'],
      ConditionalAccessStatus: ['conditionalAccessStatus'],
      ClientAppUsed: ['clientAppUsed'],
      UserAgent: ['userAgent'],
      RiskState: ['riskState'],
      RiskLevelDuringSignIn: ['riskLevelDuringSignIn'],
      RiskLevelAggregated: ['riskLevelAggregated'],
      OperationName: ['activityDisplayName', 'operationName'],
      ActivityDisplayName: ['activityDisplayName'],
      LoggedByService: ['loggedByService'],
      TargetResources: ['targetResources'],
      InitiatedBy: ['initiatedBy'],
      DeviceDetail: ['deviceDetail'],
      AuthenticationDetails: ['authenticationDetails'],
      AuthenticationProtocol: ['authenticationProtocol'],
      Location: ['location.countryOrRegion'],
    },
    prefixes: [['', 'properties.']],
  },
};

export function fieldAliasesFor(logsource: Logsource): FieldAliases | undefined {
  const source = sourceFor(logsource);
  return source ? ALIASES[sourceKey(source)] : undefined;
}
