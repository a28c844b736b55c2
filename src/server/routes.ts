import { version } from '../core/version.js';
import { accountsPosture } from './api/accounts.js';
import { activity } from './api/activity.js';
import { complianceFramework, complianceList, complianceRequirement } from './api/compliance.js';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  query,
  updateDashboard,
} from './api/dashboards.js';
import { findingDetail, findingFacets, listFindings, muteFinding, unmuteFinding } from './api/findings.js';
import { getIncident, listIncidents } from './api/incidents.js';
import { inventory, inventoryDiff, inventoryResources, resourceHistory } from './api/inventory.js';
import { overview, scans } from './api/overview.js';
import { deleteSavedSql, listSavedSql, runSql, saveSql, sqlCatalog } from './api/sql.js';
import type { ServerContext } from './context.js';
import type { ApiRequest } from './http.js';

export type Handler = (req: ApiRequest, ctx: ServerContext) => Promise<unknown>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** "/api/findings/:id/mute": a :name segment matches one path segment */
  path: string;
  handler: Handler;
}

export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/health', handler: async () => ({ status: 'ok', version: version() }) },
  { method: 'GET', path: '/api/scans', handler: scans },
  { method: 'GET', path: '/api/overview', handler: overview },
  { method: 'GET', path: '/api/accounts', handler: accountsPosture },
  { method: 'GET', path: '/api/findings', handler: listFindings },
  { method: 'GET', path: '/api/findings/facets', handler: findingFacets },
  { method: 'GET', path: '/api/findings/:id', handler: findingDetail },
  { method: 'POST', path: '/api/findings/:id/mute', handler: muteFinding },
  { method: 'DELETE', path: '/api/findings/:id/mute', handler: unmuteFinding },
  { method: 'GET', path: '/api/compliance', handler: complianceList },
  { method: 'GET', path: '/api/compliance/:framework', handler: complianceFramework },
  {
    method: 'GET',
    path: '/api/compliance/:framework/requirements/:requirement',
    handler: complianceRequirement,
  },
  { method: 'GET', path: '/api/inventory', handler: inventory },
  { method: 'GET', path: '/api/inventory/resources', handler: inventoryResources },
  { method: 'GET', path: '/api/inventory/history', handler: resourceHistory },
  { method: 'GET', path: '/api/inventory/diff', handler: inventoryDiff },
  { method: 'GET', path: '/api/activity', handler: activity },
  { method: 'GET', path: '/api/incidents', handler: listIncidents },
  { method: 'GET', path: '/api/incidents/:id', handler: getIncident },
  { method: 'GET', path: '/api/dashboards', handler: listDashboards },
  { method: 'POST', path: '/api/dashboards', handler: createDashboard },
  { method: 'GET', path: '/api/dashboards/:id', handler: getDashboard },
  { method: 'PUT', path: '/api/dashboards/:id', handler: updateDashboard },
  { method: 'DELETE', path: '/api/dashboards/:id', handler: deleteDashboard },
  { method: 'POST', path: '/api/query', handler: query },
  { method: 'POST', path: '/api/sql', handler: runSql },
  { method: 'GET', path: '/api/sql/catalog', handler: sqlCatalog },
  { method: 'GET', path: '/api/sql/saved', handler: listSavedSql },
  { method: 'PUT', path: '/api/sql/saved/:name', handler: saveSql },
  { method: 'DELETE', path: '/api/sql/saved/:name', handler: deleteSavedSql },
];

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

/** Finds the route of a path; literal segments win over :params (/findings/facets before /findings/:id). */
export function matchRoute(method: string, pathname: string): Match {
  const parts = pathname.split('/');
  const allowed: string[] = [];
  let best: { route: Route; params: Record<string, string>; literals: number } | null = null;
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i] ?? '';
      const got = parts[i] ?? '';
      if (p.startsWith(':')) {
        if (got === '') ok = false;
        else {
          try {
            params[p.slice(1)] = decodeURIComponent(got);
          } catch {
            ok = false;
          }
        }
      } else if (p === got) literals += 1;
      else ok = false;
    }
    if (!ok) continue;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
      allowed.push(route.method);
      continue;
    }
    if (!best || literals > best.literals) best = { route, params, literals };
  }
  if (best) return { kind: 'route', route: best.route, params: best.params };
  return allowed.length > 0 ? { kind: 'method', allowed: [...new Set(allowed)] } : { kind: 'none' };
}
