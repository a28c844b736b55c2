// The API's answers, typed from the server's own modules (type-only: nothing of the server is bundled).

export type { AccountPosture, PostureNode } from '../../src/core/org-posture.js';
export type { FieldChange } from '../../src/core/resource-diff.js';
export type { AccountsAnswer } from '../../src/server/api/accounts.js';
export type { ActivityItem, MapPoint } from '../../src/server/api/activity.js';
export type { FrameworkView, SectionSummary } from '../../src/server/api/compliance.js';
export type { QueryAnswer } from '../../src/server/api/dashboards.js';
export type { ComplianceRef, FindingDetail } from '../../src/server/api/findings.js';
export type { IncidentView } from '../../src/server/api/incidents.js';
export type { HistoryVersion } from '../../src/server/api/inventory.js';
export type { InventoryChanges, Overview, TrendPoint } from '../../src/server/api/overview.js';
export type * from '../../src/store/dashboard-store.js';
export type { ResultRow } from '../../src/store/store.js';

import type { activity } from '../../src/server/api/activity.js';
import type {
  complianceFramework,
  complianceList,
  complianceRequirement,
} from '../../src/server/api/compliance.js';
import type { listFindings } from '../../src/server/api/findings.js';
import type { listIncidents } from '../../src/server/api/incidents.js';
import type { inventory, inventoryResources, resourceHistory } from '../../src/server/api/inventory.js';

export type ActivityAnswer = Awaited<ReturnType<typeof activity>>;
export type IncidentList = Awaited<ReturnType<typeof listIncidents>>;
export type ComplianceList = Awaited<ReturnType<typeof complianceList>>;
export type ComplianceFramework = Awaited<ReturnType<typeof complianceFramework>>;
export type ComplianceRequirement = Awaited<ReturnType<typeof complianceRequirement>>;
export type FindingList = Awaited<ReturnType<typeof listFindings>>;
export type InventoryAnswer = Awaited<ReturnType<typeof inventory>>;
export type ResourcePage = Awaited<ReturnType<typeof inventoryResources>>;
export type ResourceHistoryAnswer = Awaited<ReturnType<typeof resourceHistory>>;
