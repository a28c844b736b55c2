import type { ResourceRecord } from '../../../core/record.js';
import { extBool } from '../../facts.js';

export const WORKSPACE = 'azure.databricks.workspace';

/** The Activity Log operations that change a workspace's settings (through Resource Manager). */
export const WORKSPACE_WRITES = ['Microsoft.Databricks/workspaces/write'];

export const DATABRICKS_DOCS = 'https://learn.microsoft.com/azure/databricks/security/network/';

/**
 * Why a control on the workspace's classic compute plane (its virtual network, subnets and
 * cluster addresses) does not apply: a serverless workspace has none.
 */
export function serverlessWorkspace(w: ResourceRecord): string | null {
  return extBool(w, 'serverless') === true
    ? `${w.com.name} is a serverless workspace: it has no classic compute plane, virtual network or cluster addresses of its own`
    : null;
}

/** The Premium tier note of a standard or trial workspace, which cannot have the feature. */
export function tierNote(w: ResourceRecord, feature: string): string {
  const sku = typeof w.ext.sku === 'string' ? w.ext.sku : null;
  return sku !== null && sku !== 'premium' ? ` (${sku} tier: ${feature} needs the Premium tier)` : '';
}
