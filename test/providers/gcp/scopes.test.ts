import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveProjects } from '../../../src/providers/gcp/scopes.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import { type GcpFixture, googleErrors, pagedList, startGcpFixture } from './fixture-server.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from './helpers.js';

/** Resource Manager v3 Project, as projects.search / list / get return it. */
const project = (id: string, number: string, parent: string, displayName = '', state = 'ACTIVE') => ({
  name: `projects/${number}`,
  parent,
  projectId: id,
  state,
  displayName,
  createTime: '2024-03-01T10:00:00.000Z',
  updateTime: '2024-03-01T10:00:00.000Z',
  etag: 'W/"a1b2"',
  labels: { env: id.split('-').pop() ?? '' },
});
const folder = (id: string, parent: string, displayName: string, state = 'ACTIVE') => ({
  name: `folders/${id}`,
  parent,
  displayName,
  state,
  createTime: '2024-01-01T00:00:00.000Z',
  etag: 'W/"f"',
});

const ORG = '123456789012';
const org = `organizations/${ORG}`;

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let transport: GcpTransport;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-scopes-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
  transport = await fixtureTransport(fx);
});

afterAll(async () => {
  transport.close();
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const k of Object.keys(fx.routes)) delete fx.routes[k];
  fx.requests.length = 0;
  fx.unmatched.length = 0;
});

describe('every project the credential can see', () => {
  it('searches ACTIVE projects with a GET, page by page, keeping display names; lists readable organisations', async () => {
    fx.routes['cloudresourcemanager GET v3/projects:search'] = pagedList(
      'projects',
      [
        project('shop-prod', '111111111111', org, 'Shop (production)'),
        project('shop-dev', '222222222222', 'folders/333', 'Shop (dev)'),
        project('old-thing', '444444444444', org, 'Old', 'DELETE_REQUESTED'),
        project('no-name', '555555555555', org),
      ],
      { pageSize: 2 },
    );
    fx.routes['cloudresourcemanager GET v3/organizations:search'] = {
      body: {
        organizations: [
          { name: org, displayName: 'example.com', state: 'ACTIVE', directoryCustomerId: 'C0x' },
        ],
      },
    };
    const plan = await resolveProjects(transport, { projects: 'all' });
    expect(plan.projects).toEqual([
      { id: 'no-name', number: '555555555555', name: 'no-name', parent: org },
      { id: 'shop-dev', number: '222222222222', name: 'Shop (dev)', parent: 'folders/333' },
      { id: 'shop-prod', number: '111111111111', name: 'Shop (production)', parent: org },
    ]);
    expect(plan.skipped).toEqual([{ id: 'old-thing', reason: 'state DELETE_REQUESTED' }]);
    expect(plan.organizations).toEqual([{ id: ORG, name: 'example.com', readable: true }]);
    expect(plan.problems).toEqual([]);
    const search = fx.requests.filter((r) => r.path === 'v3/projects:search');
    expect(search.map((r) => [r.method, r.query.get('query')])).toEqual([
      ['GET', 'state:ACTIVE'],
      ['GET', 'state:ACTIVE'],
    ]);
  });

  it('keeps the projects when the organisations cannot be searched, and says so', async () => {
    fx.routes['cloudresourcemanager GET v3/projects:search'] = pagedList('projects', [
      project('shop-prod', '111111111111', org, 'Shop'),
    ]);
    fx.routes['cloudresourcemanager GET v3/organizations:search'] = googleErrors.permissionDenied(
      'resourcemanager.organizations.search',
      'organizations',
    );
    const plan = await resolveProjects(transport, { projects: 'all' });
    expect(plan.projects.map((p) => p.id)).toEqual(['shop-prod']);
    expect(plan.organizations).toEqual([]);
    expect(plan.problems.map((p) => [p.scope, (p.error as { kind?: string }).kind])).toEqual([
      ['organizations:search', 'denied'],
    ]);
  });
});

describe('an organisation', () => {
  it('walks its folders recursively, listing each parent once', async () => {
    fx.routes[`cloudresourcemanager GET v3/organizations/${ORG}`] = {
      body: { name: org, displayName: 'example.com', state: 'ACTIVE' },
    };
    const byParent: Record<string, { projects: unknown[]; folders: unknown[] }> = {
      [org]: {
        projects: [project('org-admin', '100000000001', org, 'Org admin')],
        folders: [
          folder('200', org, 'Prod'),
          folder('300', org, 'Dev'),
          folder('999', org, 'Gone', 'DELETE_REQUESTED'),
        ],
      },
      'folders/200': {
        projects: [project('shop-prod', '100000000002', 'folders/200', 'Shop')],
        folders: [folder('210', 'folders/200', 'EU')],
      },
      'folders/210': {
        projects: [project('shop-eu', '100000000003', 'folders/210', 'Shop EU')],
        folders: [],
      },
      'folders/300': { projects: [project('shop-dev', '100000000004', 'folders/300')], folders: [] },
    };
    fx.routes['cloudresourcemanager GET v3/projects'] = (req) =>
      pagedList('projects', byParent[req.query.get('parent') ?? '']?.projects ?? [], { pageSize: 1 })(req);
    fx.routes['cloudresourcemanager GET v3/folders'] = (req) =>
      pagedList('folders', byParent[req.query.get('parent') ?? '']?.folders ?? [])(req);

    const plan = await resolveProjects(transport, { organization: ORG });
    expect(plan.projects.map((p) => `${p.id} ${p.name} ${p.parent}`)).toEqual([
      `org-admin Org admin ${org}`,
      'shop-dev shop-dev folders/300',
      'shop-eu Shop EU folders/210',
      'shop-prod Shop folders/200',
    ]);
    expect(plan.organizations).toEqual([{ id: ORG, name: 'example.com', readable: true }]);
    const listed = fx.requests.filter((r) => r.path === 'v3/folders').map((r) => r.query.get('parent'));
    expect(listed.sort()).toEqual(['folders/200', 'folders/210', 'folders/300', org]);
    expect(listed).not.toContain('folders/999');
  });

  it('records a folder it may not list and goes on with the rest; an unreadable organisation is marked', async () => {
    fx.routes[`cloudresourcemanager GET v3/organizations/${ORG}`] = googleErrors.permissionDenied(
      'resourcemanager.organizations.get',
      org,
    );
    fx.routes['cloudresourcemanager GET v3/projects'] = (req) =>
      req.query.get('parent') === 'folders/200'
        ? googleErrors.permissionDenied('resourcemanager.projects.list', 'folders/200')
        : pagedList(
            'projects',
            req.query.get('parent') === org ? [project('org-admin', '100000000001', org)] : [],
          )(req);
    fx.routes['cloudresourcemanager GET v3/folders'] = (req) =>
      pagedList('folders', req.query.get('parent') === org ? [folder('200', org, 'Prod')] : [])(req);

    const plan = await resolveProjects(transport, { organization: `organizations/${ORG}` });
    expect(plan.projects.map((p) => p.id)).toEqual(['org-admin']);
    expect(plan.problems.map((p) => p.scope)).toEqual(['folders/200 (projects)']);
    expect(plan.organizations[0]).toMatchObject({ id: ORG, readable: false });
    expect(plan.organizations[0]?.error).toContain('resourcemanager.organizations.get');
  });
});

describe('a list, and include / exclude', () => {
  it('looks each project up for its name and number; one it cannot see is kept with the reason', async () => {
    fx.routes['cloudresourcemanager GET v3/projects/shop-prod'] = {
      body: project('shop-prod', '111111111111', org, 'Shop'),
    };
    fx.routes['cloudresourcemanager GET v3/projects/shop-old'] = {
      body: project('shop-old', '666666666666', org, 'Old', 'DELETE_REQUESTED'),
    };
    fx.routes['cloudresourcemanager GET v3/projects/secret-proj'] = googleErrors.permissionDenied(
      'resourcemanager.projects.get',
      'projects/secret-proj',
    );
    const plan = await resolveProjects(transport, { projects: ['shop-prod', 'shop-old', 'secret-proj'] });
    expect(plan.projects.map((p) => [p.id, p.name, p.number])).toEqual([
      ['secret-proj', 'secret-proj', undefined],
      ['shop-prod', 'Shop', '111111111111'],
    ]);
    expect(plan.projects[0]?.lookupError).toContain('PERMISSION_DENIED');
    expect(plan.skipped).toEqual([{ id: 'shop-old', reason: 'state DELETE_REQUESTED' }]);
  });

  it('keeps what include names and drops what exclude names, patterns allowed', async () => {
    fx.routes['cloudresourcemanager GET v3/projects:search'] = pagedList('projects', [
      project('shop-prod', '1', org),
      project('shop-dev', '2', org),
      project('shop-sandbox', '3', org),
      project('hr-prod', '4', org),
    ]);
    fx.routes['cloudresourcemanager GET v3/organizations:search'] = { body: {} };
    const plan = await resolveProjects(transport, {
      projects: 'all',
      include: ['shop-*'],
      exclude: ['*-sandbox'],
    });
    expect(plan.projects.map((p) => p.id)).toEqual(['shop-dev', 'shop-prod']);
    expect(plan.skipped).toEqual([
      { id: 'shop-sandbox', reason: 'excluded' },
      { id: 'hr-prod', reason: 'not in include' },
    ]);
  });
});
