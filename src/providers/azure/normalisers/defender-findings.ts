import { defineNormaliser, type ScopeRef } from '../../../core/provider.js';
import type { ResourceRecord } from '../../../core/record.js';
import { isSeverity, type Severity } from '../../../core/severity.js';
import { buildRecord, obj, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defenderAssessmentSameAs } from '../detector-same-as.js';
import { armResource } from './azure-common.js';

/**
 * Defender for Cloud's security alerts and unhealthy assessments (recommendations) as
 * `imported_finding` records for the import checks: reference the Defender id, and in ext the
 * affected resource by its Resource Manager id (the reference Cloudward's own Azure records
 * have), Defender's severity, title, description and fix.
 */

/** Defender's High / Medium / Low / Informational as a Cloudward severity. */
export function severityOfDefender(label: string | null): Severity {
  const l = (label ?? '').toLowerCase();
  if (l === 'informational' || l === '') return 'info';
  return isSeverity(l) ? l : 'info';
}

const lastSegment = (id: string) => id.split('/').filter(Boolean).pop() ?? id;

function record(
  type: string,
  raw: Record<string, unknown>,
  scope: ScopeRef,
  id: string,
  region: string,
  ext: Record<string, unknown>,
): ResourceRecord {
  return buildRecord({
    raw,
    scope,
    origin: type,
    extType: type,
    recordType: 'imported_finding',
    reference: id,
    name: String(ext.title),
    region,
    service: 'security',
    ext,
    shape: {},
  });
}

const ALERT = 'azure.security.alert';

export const defenderAlertNormaliser = defineNormaliser({
  type: ALERT,
  cloud: 'azure',
  service: 'security',
  produces: [ALERT],
  raw: S.raw({
    item: S.obj({
      id: S.str,
      name: S.str,
      properties: S.obj({
        alertDisplayName: S.str,
        description: S.str,
        severity: S.str,
        status: S.str,
        alertType: S.str,
        compromisedEntity: S.str,
        remediationSteps: S.strs,
        resourceIdentifiers: S.list(S.obj({ type: S.str, azureResourceId: S.str })),
        startTimeUtc: S.str,
        endTimeUtc: S.str,
      }),
    }),
  }),
  normalise(raw, scope) {
    const r = armResource(raw, ALERT);
    const p = r.properties;
    const onResource = records(p.resourceIdentifiers)
      .map((x) => str(x.azureResourceId))
      .find((x): x is string => !!x);
    const title = str(p.alertDisplayName) ?? str(p.alertType) ?? r.name;
    return [
      record(ALERT, raw, scope, r.id, r.region, {
        source_id: r.id,
        finding_type: str(p.alertType) ?? 'unknown',
        title,
        description: str(p.description) ?? '',
        severity: severityOfDefender(str(p.severity)),
        source_severity: str(p.severity),
        resource_reference: onResource ?? `/subscriptions/${scope.account}`,
        resource_name: onResource ? lastSegment(onResource) : (str(p.compromisedEntity) ?? scope.account),
        resource_type: onResource ? 'azure.resource' : 'azure.subscription',
        recommendation: strings(p.remediationSteps).join(' ') || null,
        same_as: [],
        status: str(p.status),
        first_seen: str(p.startTimeUtc),
        last_seen: str(p.endTimeUtc),
      }),
    ];
  },
});

const ASSESSMENT = 'azure.security.assessment';

export const defenderAssessmentNormaliser = defineNormaliser({
  type: ASSESSMENT,
  cloud: 'azure',
  service: 'security',
  produces: [ASSESSMENT],
  raw: S.raw({
    item: S.obj({
      id: S.str,
      name: S.str,
      properties: S.obj({
        displayName: S.str,
        resourceDetails: S.obj({ Id: S.str, id: S.str, Source: S.str }),
        status: S.obj({ code: S.str, cause: S.str, description: S.str }),
        metadata: S.obj({
          displayName: S.str,
          severity: S.str,
          description: S.str,
          remediationDescription: S.str,
        }),
      }),
    }),
  }),
  normalise(raw, scope) {
    const r = armResource(raw, ASSESSMENT);
    const p = r.properties;
    const meta = obj(p.metadata);
    const details = obj(p.resourceDetails);
    // the assessment's id is the assessed resource's id + /providers/Microsoft.Security/assessments/<key>
    const onResource =
      str(details.Id) ??
      str(details.id) ??
      r.id.replace(/\/providers\/Microsoft\.Security\/assessments\/[^/]+$/i, '');
    const title = str(p.displayName) ?? str(meta.displayName) ?? r.name;
    const status = obj(p.status);
    return [
      record(ASSESSMENT, raw, scope, r.id, r.region, {
        source_id: r.id,
        finding_type: r.name,
        title,
        description: [str(meta.description), str(status.description)].filter(Boolean).join(' ') || title,
        severity: severityOfDefender(str(meta.severity)),
        source_severity: str(meta.severity),
        resource_reference: onResource,
        resource_name: lastSegment(onResource),
        resource_type: 'azure.resource',
        recommendation: str(meta.remediationDescription),
        same_as: defenderAssessmentSameAs(str(meta.displayName) ?? str(p.displayName)),
        status: str(status.code),
        first_seen: null,
        last_seen: null,
      }),
    ];
  },
});
