import { str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/**
 * An Application Insights component (microsoft.insights/components, api-version 2020-02-02):
 * what it monitors, its state and where its telemetry is kept (a Log Analytics workspace for
 * workspace-based components). The collector drops its instrumentation key and connection string.
 */
export const applicationInsights = defineArmNormaliser({
  type: 'azure.monitor.application_insights',
  service: 'monitor',
  properties: {
    Application_Type: S.str,
    provisioningState: S.str,
    IngestionMode: S.str,
    WorkspaceResourceId: S.str,
    RetentionInDays: S.num,
  },
  ext: (p) => ({
    application_type: str(p.Application_Type),
    provisioning_state: str(p.provisioningState),
    ingestion_mode: str(p.IngestionMode),
    workspace_resource_id: str(p.WorkspaceResourceId),
    retention_days: typeof p.RetentionInDays === 'number' ? p.RetentionInDays : null,
  }),
});
