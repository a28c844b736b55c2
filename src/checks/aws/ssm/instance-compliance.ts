import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

/** A managed node COMPLIANT for one Systems Manager compliance type (Patch, Association). */
export function complianceCheck(c: {
  id: string;
  fact: 'patch_compliance' | 'association_compliance';
  what: string;
  title: string;
  risk: string;
  fix: string;
  cli: string;
  reference: string;
}) {
  return defineCheck({
    id: `aws.ssm.${c.id}`,
    title: c.title,
    severity: 'high',
    resource: 'aws.ssm.managed_instance',
    triggers: [],
    description: `The managed node's ${c.what} compliance status is not COMPLIANT.`,
    risk: c.risk,
    remediation: { text: c.fix, cli: c.cli },
    references: [c.reference],
    evaluate(node) {
      const status = extStr(node, c.fact);
      if (status === null) return notApplicable(`no ${c.what} compliance data for the node`);
      return status === 'COMPLIANT'
        ? pass(`${c.what} compliant`)
        : fail(`${node.com.name} is ${status} for ${c.what}`, { evidence: { status } });
    },
  });
}
