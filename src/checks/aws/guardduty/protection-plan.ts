import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export interface ProtectionPlan {
  /** the part of the check id after aws.guardduty. */
  id: string;
  /** what the plan is called in the GuardDuty console */
  plan: string;
  /** the GetDetector feature name */
  feature: string;
  /** an additional configuration that must be enabled too (automated agent management) */
  agent?: string;
  severity: 'low' | 'medium' | 'high';
  risk: string;
  /** the --features value of the fix */
  fix: string;
  reference: string;
}

/**
 * A GuardDuty protection plan turned on in every region where GuardDuty runs: one check per plan
 * (S3, EKS audit logs, runtime monitoring, malware scans...), read from the detector's features.
 */
export function protectionPlanCheck(p: ProtectionPlan) {
  const what = p.agent ? `${p.feature} with ${p.agent}` : p.feature;
  return defineCheck({
    id: `aws.guardduty.${p.id}`,
    title: `GuardDuty ${p.plan} is enabled`,
    severity: p.severity,
    resource: 'aws.guardduty.detectors',
    triggers: [],
    description: `GuardDuty ${p.plan} is not enabled in the region (detector feature ${what}).`,
    risk: p.risk,
    remediation: {
      text: `Enable ${p.plan} on the region's GuardDuty detector (or for the organisation from the delegated administrator).`,
      cli: `aws guardduty update-detector --detector-id <detector-id> --features '${p.fix}' --region <region>`,
    },
    references: [p.reference],
    evaluate(rec) {
      const enabled = extBool(rec, 'enabled');
      if (enabled === null)
        return error(
          `the GuardDuty detectors could not be read${rec.ext.detectors_error ? `: ${String(rec.ext.detectors_error)}` : ''}`,
        );
      if (!enabled) return fail(`GuardDuty is not enabled in ${rec.com.region}, so neither is ${p.plan}`);
      const features = rec.ext.features as Record<string, string> | null | undefined;
      if (!features) return error('the detector answered without its features');
      const status = features[p.feature];
      if (status !== 'ENABLED') return fail(`${p.plan} is ${status ?? 'not enabled'} in ${rec.com.region}`);
      if (p.agent) {
        const agent = features[`${p.feature}/${p.agent}`];
        if (agent !== 'ENABLED')
          return fail(
            `${p.plan}: automated agent management ${p.agent} is ${agent ?? 'not enabled'} in ${rec.com.region}`,
          );
      }
      return pass(`${p.plan} is enabled`);
    },
  });
}
