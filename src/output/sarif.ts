import type { FindingRecord, FindingState } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import { coverageOf, findingRule, isDetection, type ReportInput } from './report-data.js';
import { verdictOf } from './verdicts.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub code scanning reads properties["security-severity"] (0.0-10.0) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};
const BASELINE: Record<FindingState, 'new' | 'unchanged' | 'updated' | 'absent'> = {
  new: 'new',
  open: 'unchanged',
  regressed: 'new',
  muted: 'unchanged',
  resolved: 'absent',
};

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: Record<string, unknown>;
}

function ruleFor(input: ReportInput, f: FindingRecord): Rule {
  const { id, title } = findingRule(f);
  const info = isDetection(f) ? undefined : input.checks.get(id);
  const severity = info?.severity ?? f.com.severity;
  const help = [info?.remediation.text ?? f.com.recommendation, info?.remediation.cli]
    .filter((s): s is string => !!s)
    .join('\n\n');
  const helpUri = info?.references.find((u) => /^https?:\/\//.test(u));
  return {
    id,
    name: id
      .split(/[._]/)
      .map((p) => (p ? p[0]?.toUpperCase() + p.slice(1) : p))
      .join(''),
    shortDescription: { text: title },
    fullDescription: { text: info?.description || title },
    help: { text: help || title },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', isDetection(f) ? 'detection' : 'cloud-configuration'],
      'security-severity': SECURITY_SEVERITY[severity],
      'problem.severity': severity,
    },
  };
}

/** A finding's resource as a SARIF logical location. */
function locationOf(f: FindingRecord) {
  return { logicalLocations: [{ name: f.com.name, fullyQualifiedName: f.com.reference, kind: 'resource' }] };
}

/**
 * SARIF 2.1.0: one run, a rule per check (or detection rule), a result per finding. Cloud
 * resources have no file, so a result's location is a logical location (the resource reference);
 * resolved findings have kind "pass" and baselineState "absent", muted ones an accepted external
 * suppression. A result that could not be evaluated (the data could not be read) is not a result
 * a viewer should raise as a problem: it is a tool execution notification (level warning, with
 * its rule and resource), and run.properties.coverage states what was checked.
 */
export function toSarif(input: ReportInput): Record<string, unknown> {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (f: FindingRecord) => {
    const rule = findingRule(f);
    let index = ruleIndex.get(rule.id);
    if (index === undefined) {
      index = rules.length;
      rules.push(ruleFor(input, f));
      ruleIndex.set(rule.id, index);
    }
    return { id: rule.id, index };
  };
  const unevaluated = input.findings.filter((f) => verdictOf(f) === 'could_not_evaluate');
  const results = input.findings
    .filter((f) => verdictOf(f) !== 'could_not_evaluate')
    .map((f) => {
      const rule = indexOf(f);
      const c = f.com;
      const resolved = c.state === 'resolved';
      return {
        ruleId: rule.id,
        ruleIndex: rule.index,
        kind: resolved ? 'pass' : 'fail',
        level: resolved ? 'none' : LEVEL[c.severity],
        message: { text: `${c.name}: ${c.description}` },
        locations: [locationOf(f)],
        partialFingerprints: { 'cloudwardFindingId/v1': c.finding_id },
        baselineState: BASELINE[c.state],
        ...(f.ext.muted
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: `${f.ext.muted.reason} (muted by ${f.ext.muted.owner}${f.ext.muted.expires_at ? ` until ${f.ext.muted.expires_at}` : ''})`,
                },
              ],
            }
          : {}),
        properties: {
          cloud: c.cloud_type,
          account: c.account,
          region: c.region,
          service: c.service,
          resourceType: f.ext.resource_record_type ?? f.ext.record_type,
          state: c.state,
          status: c.status,
          severity: c.severity,
          compliance: c.compliance,
          resourceTags: c.tags,
          firstSeen: c.first_seen,
          lastSeen: c.last_seen,
          evidence: 'evidence' in f.raw ? f.raw.evidence : f.raw,
        },
      };
    });
  const notEvaluated = unevaluated.map((f) => {
    const rule = indexOf(f);
    const c = f.com;
    return {
      level: 'warning',
      message: { text: `could not evaluate ${rule.id} on ${c.name}: ${c.description}` },
      descriptor: { id: 'cloudward/could-not-evaluate' },
      associatedRule: { id: rule.id, index: rule.index },
      locations: [locationOf(f)],
      properties: {
        findingId: c.finding_id,
        cloud: c.cloud_type,
        account: c.account,
        region: c.region,
        state: c.state,
        checkSeverity: c.severity,
      },
    };
  });
  const scan = input.scan;
  const invocation = {
    executionSuccessful: scan ? scan.status === 'complete' : true,
    ...(scan ? { startTimeUtc: scan.started_at } : {}),
    ...(scan?.finished_at ? { endTimeUtc: scan.finished_at } : {}),
    toolExecutionNotifications: [
      ...(scan?.errors ?? []).map((e) => ({
        level: 'error',
        message: { text: `${e.source} failed in ${e.cloud}:${e.account}:${e.region}: ${e.message}` },
        descriptor: { id: e.source },
      })),
      ...notEvaluated,
    ],
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: input.tool.name,
            version: input.tool.version,
            semanticVersion: input.tool.version,
            ...(input.tool.informationUri ? { informationUri: input.tool.informationUri } : {}),
            rules,
          },
        },
        ...(scan ? { automationDetails: { id: `${scan.audit_key}/${scan.id}` } } : {}),
        invocations: [invocation],
        results,
        properties: { coverage: coverageOf(input), couldNotEvaluate: notEvaluated.length },
      },
    ],
  };
}

/** Indented for a readable file; large logs are written compact to keep them small and fast. */
export function renderSarif(input: ReportInput): string {
  const indent = input.findings.length <= 5000 ? 2 : undefined;
  return `${JSON.stringify(toSarif(input), null, indent)}\n`;
}
