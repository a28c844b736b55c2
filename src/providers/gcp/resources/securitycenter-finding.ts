import { defineNormaliser } from '../../../core/provider.js';
import { isSeverity, type Severity } from '../../../core/severity.js';
import { buildRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { sccSameAs } from '../detector-same-as.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.securitycenter.finding';

/**
 * Security Command Center's active, unmuted findings of a project (v2 `sources/-/findings`, every
 * source: Security Health Analytics, Event Threat Detection, Web Security Scanner...), one record
 * each for the import check. The API not enabled in the project makes the collection not
 * applicable (the provider's rule for a disabled API); a refused read fails it.
 */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'securitycenter',
  list: {
    permission: 'securitycenter.findings.list',
    async *all(r) {
      const query = { filter: 'state="ACTIVE" AND NOT mute="MUTED"' };
      for await (const page of r.pages<Record<string, unknown>>(
        r.path('v2/projects/{project}/sources/-/findings'),
        'listFindingsResults',
        query,
      )) {
        yield* page;
      }
    },
  },
});

/** SCC's CRITICAL / HIGH / MEDIUM / LOW (SEVERITY_UNSPECIFIED: info) as a Cloudward severity. */
export function severityOfScc(label: string | null): Severity {
  const l = (label ?? '').toLowerCase();
  return isSeverity(l) ? l : 'info';
}

/**
 * A full resource name (`//compute.googleapis.com/projects/p/zones/z/instances/web-1`) as the
 * reference Cloudward's own GCP records have (the API's self link), where one is known.
 */
export function gcpReferenceOf(resourceName: string): string {
  const compute = /^\/\/compute\.googleapis\.com\/(projects\/.+)$/.exec(resourceName);
  if (compute) return `https://www.googleapis.com/compute/v1/${compute[1]}`;
  const bucket = /^\/\/storage\.googleapis\.com\/([^/]+)$/.exec(resourceName);
  if (bucket) return `https://www.googleapis.com/storage/v1/b/${bucket[1]}`;
  return resourceName;
}

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'securitycenter',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      finding: S.obj({
        name: S.str,
        resourceName: S.str,
        category: S.str,
        severity: S.str,
        state: S.str,
        findingClass: S.str,
        description: S.str,
        nextSteps: S.str,
        externalUri: S.str,
        eventTime: S.str,
        createTime: S.str,
        compliances: S.list(S.obj({ standard: S.str, version: S.str, ids: S.strs })),
      }),
      resource: S.obj({ name: S.str, displayName: S.str, type: S.str }),
    }),
  }),
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    const f = (item.finding ?? {}) as Record<string, unknown>;
    const res = (item.resource ?? {}) as Record<string, unknown>;
    const id = str(f.name);
    if (!id) throw new Error(`${TYPE}: missing required field item.finding.name`);
    const category = str(f.category) ?? 'UNKNOWN';
    const resourceName =
      str(f.resourceName) ??
      str(res.name) ??
      `//cloudresourcemanager.googleapis.com/projects/${scope.account}`;
    // SCC names the project by its number, Cloudward by its id: the scope is that project
    const reference = /^\/\/cloudresourcemanager\.googleapis\.com\/projects\/\d+$/.test(resourceName)
      ? `//cloudresourcemanager.googleapis.com/projects/${scope.account}`
      : gcpReferenceOf(resourceName);
    const fix = [str(f.nextSteps), str(f.externalUri)].filter(Boolean).join(' ');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'imported_finding',
        reference: id,
        name: category,
        region: 'global',
        service: 'securitycenter',
        ext: {
          source_id: id,
          finding_type: category,
          finding_class: str(f.findingClass),
          title: category
            .replace(/_/g, ' ')
            .toLowerCase()
            .replace(/^./, (c) => c.toUpperCase()),
          description: str(f.description) ?? category,
          severity: severityOfScc(str(f.severity)),
          source_severity: str(f.severity),
          resource_reference: reference,
          resource_name: str(res.displayName) ?? resourceName.split('/').pop() ?? resourceName,
          resource_type: str(res.type) ?? 'gcp.resource',
          recommendation: fix || null,
          same_as: sccSameAs(category, f.compliances),
          first_seen: str(f.createTime),
          last_seen: str(f.eventTime),
        },
        shape: {},
      }),
    ];
  },
});

export default defineGcpResource({ collector, normaliser });
