import { globToRegExp } from '../../core/glob.js';
import { mapConcurrent } from '../kit/task-pool.js';
import { describeGcpError, type GcpError, isGcpError } from './errors.js';
import type { GcpTransport } from './transport.js';

/**
 * Which projects a scan reads, through Resource Manager v3:
 *
 * - every ACTIVE project the credential can see (`projects:search`, a GET), or
 * - every ACTIVE project below an organisation or folders, through their sub-folders
 *   (`projects` and `folders` listed by parent), or
 * - a list of project ids, each looked up for its name and number (a project that cannot be
 *   looked up is still scanned: its reads will say why they fail);
 *
 * then `include` / `exclude` (ids or patterns such as `shop-*`). Each project keeps its display
 * name, shown wherever its id is. Organisations whose settings (organisation policies, IAM)
 * the credential can read are listed too; one it cannot read is listed with the reason.
 */

export interface GcpProject {
  id: string;
  /** the project number, from `projects/<number>` */
  number: string | undefined;
  /** the display name, or the id when there is none */
  name: string;
  /** organizations/<id> or folders/<id> */
  parent: string | undefined;
  /** why the project could not be looked up (list mode); its reads will fail with the reason */
  lookupError?: string;
}

export interface GcpOrganization {
  /** the numeric id */
  id: string;
  /** the display name (the domain), or the id */
  name: string;
  /** false when the organisation itself could not be read; its settings are then unknown */
  readable: boolean;
  error?: string;
}

export interface DiscoveryProblem {
  /** what could not be listed: folders/123, organizations/456, projects:search */
  scope: string;
  error: GcpError | Error;
}

export interface ProjectPlan {
  projects: GcpProject[];
  organizations: GcpOrganization[];
  /** projects left out and why (excluded, not included, not ACTIVE) */
  skipped: { id: string; reason: string }[];
  /** parts of the hierarchy that could not be listed: their projects are missing from the plan */
  problems: DiscoveryProblem[];
}

export interface ScopeSettings {
  projects?: 'all' | readonly string[];
  organization?: string | undefined;
  folders?: readonly string[] | undefined;
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/** Resource Manager v3 Project, as the API returns it (the fields read here). */
interface ApiProject {
  name?: string;
  projectId?: string;
  displayName?: string;
  parent?: string;
  state?: string;
}

interface ApiFolder {
  name?: string;
  state?: string;
}

interface ApiOrganization {
  name?: string;
  displayName?: string;
  state?: string;
}

const CRM = 'cloudresourcemanager';
const LISTING_CONCURRENCY = 8;

function toProject(p: ApiProject): GcpProject | undefined {
  if (!p.projectId) return undefined;
  const number = p.name?.startsWith('projects/') ? p.name.slice('projects/'.length) : undefined;
  return { id: p.projectId, number, name: p.displayName || p.projectId, parent: p.parent };
}

function numericOf(name: string | undefined, kind: 'organizations' | 'folders'): string | undefined {
  return name?.startsWith(`${kind}/`) ? name.slice(kind.length + 1) : undefined;
}

async function searchAll(transport: GcpTransport, skipped: ProjectPlan['skipped']): Promise<GcpProject[]> {
  const found = await transport.list<ApiProject>(CRM, 'v3/projects:search', {
    items: 'projects',
    query: { query: 'state:ACTIVE' },
  });
  const out: GcpProject[] = [];
  for (const p of found) {
    if (p.state && p.state !== 'ACTIVE') {
      if (p.projectId) skipped.push({ id: p.projectId, reason: `state ${p.state}` });
      continue;
    }
    const project = toProject(p);
    if (project) out.push(project);
  }
  return out;
}

/** Every ACTIVE project below the parents, through sub-folders; listing problems are collected. */
async function below(
  transport: GcpTransport,
  roots: readonly string[],
  problems: DiscoveryProblem[],
  skipped: ProjectPlan['skipped'],
): Promise<GcpProject[]> {
  const out: GcpProject[] = [];
  const visited = new Set<string>();
  let level = [...roots];
  while (level.length > 0) {
    const next: string[] = [];
    await mapConcurrent(level, LISTING_CONCURRENCY, async (parent) => {
      if (visited.has(parent)) return;
      visited.add(parent);
      try {
        const projects = await transport.list<ApiProject>(CRM, 'v3/projects', {
          items: 'projects',
          query: { parent },
        });
        for (const p of projects) {
          if (p.state && p.state !== 'ACTIVE') {
            if (p.projectId) skipped.push({ id: p.projectId, reason: `state ${p.state}` });
            continue;
          }
          const project = toProject(p);
          if (project) out.push(project);
        }
      } catch (e) {
        problems.push({ scope: `${parent} (projects)`, error: e as Error });
      }
      try {
        const folders = await transport.list<ApiFolder>(CRM, 'v3/folders', {
          items: 'folders',
          query: { parent },
        });
        for (const f of folders) {
          if (f.name && (!f.state || f.state === 'ACTIVE')) next.push(f.name);
        }
      } catch (e) {
        problems.push({ scope: `${parent} (folders)`, error: e as Error });
      }
    });
    level = next;
  }
  return out;
}

async function lookUp(transport: GcpTransport, ids: readonly string[], skipped: ProjectPlan['skipped']) {
  const found = await mapConcurrent(ids, LISTING_CONCURRENCY, async (id): Promise<GcpProject | undefined> => {
    try {
      const p = await transport.get<ApiProject>(CRM, `v3/projects/${encodeURIComponent(id)}`, {
        project: id,
      });
      if (p.state && p.state !== 'ACTIVE') {
        skipped.push({ id, reason: `state ${p.state}` });
        return undefined;
      }
      return toProject({ ...p, projectId: p.projectId ?? id });
    } catch (e) {
      if (!isGcpError(e) || (e.kind !== 'denied' && e.kind !== 'absent')) throw e;
      // Resource Manager answers 403 for a project that does not exist as for one we may not see
      return { id, number: undefined, name: id, parent: undefined, lookupError: describeGcpError(e) };
    }
  });
  return found.filter((p): p is GcpProject => p !== undefined);
}

async function organization(transport: GcpTransport, id: string): Promise<GcpOrganization> {
  try {
    const o = await transport.get<ApiOrganization>(CRM, `v3/organizations/${encodeURIComponent(id)}`);
    return { id, name: o.displayName || id, readable: true };
  } catch (e) {
    if (!isGcpError(e)) throw e;
    return { id, name: id, readable: false, error: describeGcpError(e) };
  }
}

async function searchOrganizations(transport: GcpTransport, problems: DiscoveryProblem[]) {
  try {
    const orgs = await transport.list<ApiOrganization>(CRM, 'v3/organizations:search', {
      items: 'organizations',
    });
    return orgs.flatMap((o): GcpOrganization[] => {
      const id = numericOf(o.name, 'organizations');
      if (!id || (o.state && o.state !== 'ACTIVE')) return [];
      return [{ id, name: o.displayName || id, readable: true }];
    });
  } catch (e) {
    problems.push({ scope: 'organizations:search', error: e as Error });
    return [];
  }
}

/** Resolve the projects (and organisations) a scan reads. */
export async function resolveProjects(
  transport: GcpTransport,
  settings: ScopeSettings,
): Promise<ProjectPlan> {
  const skipped: ProjectPlan['skipped'] = [];
  const problems: DiscoveryProblem[] = [];
  let projects: GcpProject[];
  let organizations: GcpOrganization[] = [];
  if (settings.organization) {
    const org = settings.organization.replace(/^organizations\//, '');
    organizations = [await organization(transport, org)];
    projects = await below(transport, [`organizations/${org}`], problems, skipped);
  } else if (settings.folders?.length) {
    const roots = settings.folders.map((f) => `folders/${f.replace(/^folders\//, '')}`);
    projects = await below(transport, roots, problems, skipped);
  } else if (Array.isArray(settings.projects)) {
    projects = await lookUp(transport, settings.projects, skipped);
  } else {
    projects = await searchAll(transport, skipped);
    organizations = await searchOrganizations(transport, problems);
  }

  const byId = new Map<string, GcpProject>();
  for (const p of projects) if (!byId.has(p.id)) byId.set(p.id, p);
  const include = settings.include?.map((g) => globToRegExp(g, { questionMark: false }));
  const exclude = settings.exclude?.map((g) => globToRegExp(g, { questionMark: false }));
  const kept: GcpProject[] = [];
  for (const p of byId.values()) {
    if (include && !include.some((re) => re.test(p.id))) skipped.push({ id: p.id, reason: 'not in include' });
    else if (exclude?.some((re) => re.test(p.id))) skipped.push({ id: p.id, reason: 'excluded' });
    else kept.push(p);
  }
  kept.sort((a, b) => a.id.localeCompare(b.id));
  return { projects: kept, organizations, skipped, problems };
}
