import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export interface ScanType {
  /** the part of the check id after aws.inspector2. */
  id: string;
  /** the resourceState key of BatchGetAccountStatus */
  key: 'ec2' | 'ecr' | 'lambda' | 'lambdaCode';
  /** what it scans, for people */
  what: string;
  /** the --resource-types value of the fix */
  resourceType: string;
  risk: string;
}

/** One Amazon Inspector scan type activated in every region: one check per type. */
export function scanTypeCheck(t: ScanType) {
  return defineCheck({
    id: `aws.inspector2.${t.id}`,
    title: `Amazon Inspector scans ${t.what}`,
    severity: 'high',
    resource: 'aws.inspector2.account_status',
    triggers: ['Enable', 'Disable'],
    description: `Amazon Inspector scanning of ${t.what} is not activated for the account in the region.`,
    risk: t.risk,
    remediation: {
      text: `Activate Amazon Inspector scanning of ${t.what} in each region (or for the organisation from the delegated administrator).`,
      cli: `aws inspector2 enable --resource-types ${t.resourceType} --region <region>`,
    },
    references: ['https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html'],
    evaluate(rec) {
      const scans = rec.ext.scan_types as Record<string, string | null> | undefined;
      const status = scans?.[t.key] ?? null;
      if (status === null)
        return error(
          `the Inspector status could not be read${rec.ext.failure ? `: ${String(rec.ext.failure)}` : ''}`,
        );
      return status === 'ENABLED'
        ? pass(`scanning of ${t.what} is enabled`)
        : fail(`scanning of ${t.what} is ${status} in ${rec.com.region}`);
    },
  });
}
