import type { FindingRecord } from '../core/record.js';
import { AWS_ACTIONS } from '../providers/aws/actions/index.js';
import { AZURE_ACTIONS } from '../providers/azure/actions/index.js';
import { GCP_ACTIONS } from '../providers/gcp/actions/index.js';
import type { ActionDefinition } from '../providers/kit/action.js';

/** Every remediation action, whatever its cloud. */
export const ALL_ACTIONS: readonly ActionDefinition<unknown>[] = [
  ...AWS_ACTIONS,
  ...AZURE_ACTIONS,
  ...GCP_ACTIONS,
] as ActionDefinition<unknown>[];

export function actionById(id: string): ActionDefinition<unknown> | undefined {
  return ALL_ACTIONS.find((a) => a.id === id);
}

/** The checks a finding stands for: its primary check and those merged into it. */
export function checksOf(finding: FindingRecord): string[] {
  const also = Array.isArray(finding.ext.also)
    ? (finding.ext.also as unknown[]).filter((x): x is string => typeof x === 'string')
    : [];
  return [finding.ext.check_id, ...also];
}

/** The actions that can act on a finding: those that fix one of its checks, or act on its resource type. */
export function actionsFor(finding: FindingRecord): ActionDefinition<unknown>[] {
  const checks = new Set(checksOf(finding));
  return ALL_ACTIONS.filter(
    (a) =>
      a.cloud === finding.com.cloud_type &&
      (a.fixes.some((c) => checks.has(c)) ||
        (a.resourceTypes ?? []).includes(finding.ext.resource_record_type)),
  );
}
