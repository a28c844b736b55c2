import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Enrichment,
  enrichment,
  type Json,
  records,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';
import { logDelivery, RESOURCE_DIAGNOSTIC_SETTING } from './resource-diagnostics.js';

const TYPE = 'azure.databricks.workspace';

/** A workspace parameter as Azure answers it: `{type: "String", value: ...}`. */
const param = <T extends z.ZodType>(value: T) => S.obj({ type: S.str, value });

const CONNECTION = z.looseObject({
  name: S.str,
  properties: S.obj({ privateLinkServiceConnectionState: S.obj({ status: S.str }) }),
});

const RAW = S.raw({
  item: armItem(
    {
      provisioningState: S.str,
      managedResourceGroupId: S.str,
      computeMode: S.str,
      publicNetworkAccess: S.str,
      requiredNsgRules: S.str,
      workspaceUrl: S.str,
      parameters: S.obj({
        customVirtualNetworkId: param(S.str),
        customPublicSubnetName: param(S.str),
        customPrivateSubnetName: param(S.str),
        enableNoPublicIp: param(S.bool),
      }),
    },
    { sku: S.obj({ name: S.str }) },
  ),
  privateEndpointConnections: S.answerList(CONNECTION),
  diagnostics: S.answerList(RESOURCE_DIAGNOSTIC_SETTING),
});

/** A parameter's value; Azure answers "" for the custom network parameters of a workspace without one. */
function paramValue(parameters: unknown, name: string): unknown {
  const v = at(parameters, `${name}.value`);
  return v === '' ? null : v;
}

/** The approved private endpoint connections, from the per-workspace list; null when it could not be read. */
function approvedEndpoints(raw: Json): { count: number | null; state: Enrichment } {
  const v = raw.privateEndpointConnections;
  if (v === null) return { count: 0, state: { state: 'absent' } };
  if (!Array.isArray(v)) {
    const state = enrichment(raw, 'privateEndpointConnections');
    return {
      count: null,
      state:
        state.state === 'value'
          ? { state: 'unknown', reason: 'privateEndpointConnections is not a list' }
          : state,
    };
  }
  const count = records(v).filter(
    (c) => str(at(c, 'properties.privateLinkServiceConnectionState.status'))?.toLowerCase() === 'approved',
  ).length;
  return { count, state: { state: 'value', value: {} } };
}

/**
 * An Azure Databricks workspace ('azure.databricks.workspace', api-version 2024-05-01): its
 * network placement from the creation parameters (a customer virtual network and the two
 * subnets clusters run in, secure cluster connectivity), public network access, its approved
 * private endpoint connections (`raw.privateEndpointConnections`, the per-workspace list) and
 * whether a diagnostic setting sends its logs anywhere (`raw.diagnostics`). Azure leaves
 * `publicNetworkAccess` out for workspaces created before it existed: they accept public access.
 * A serverless workspace (computeMode Serverless) has no classic compute plane, so no network
 * of its own and no cluster IP addresses.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'databricks',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const w = armResource(raw, TYPE);
    const p = w.properties;
    const vnet = str(paramValue(p.parameters, 'customVirtualNetworkId'));
    const computeMode = str(p.computeMode);
    const endpoints = approvedEndpoints(raw);
    const logs = logDelivery(raw, 'diagnostics');
    const publicAccess = str(p.publicNetworkAccess);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: w.id,
        name: w.name,
        region: w.region,
        service: 'databricks',
        tags: w.tags,
        ext: {
          resource_group: w.resourceGroup,
          sku: str(at(w.item, 'sku.name'))?.toLowerCase() ?? null,
          provisioning_state: str(p.provisioningState),
          compute_mode: computeMode,
          serverless: computeMode?.toLowerCase() === 'serverless',
          managed_resource_group: str(p.managedResourceGroupId),
          virtual_network_id: vnet,
          vnet_injected: vnet !== null,
          public_subnet: str(paramValue(p.parameters, 'customPublicSubnetName')),
          private_subnet: str(paramValue(p.parameters, 'customPrivateSubnetName')),
          no_public_ip: bool(paramValue(p.parameters, 'enableNoPublicIp')),
          public_network_access: publicAccess,
          public_network_access_enabled: (publicAccess ?? 'Enabled').toLowerCase() !== 'disabled',
          required_nsg_rules: str(p.requiredNsgRules),
          private_endpoints: endpoints.count,
          private_endpoint_connected: endpoints.count === null ? null : endpoints.count > 0,
          diagnostic_logs_enabled: logs.settings === null ? null : logs.settings.length > 0,
          diagnostic_log_settings: logs.settings,
          diagnostic_log_categories: logs.categories,
          unknown_facts: unknownReasons({
            private_endpoint_connected: endpoints.state,
            diagnostic_logs_enabled: logs.state,
          }),
        },
        shape: {},
      }),
    ];
  },
});
