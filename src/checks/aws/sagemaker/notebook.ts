import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

/** A notebook instance setting that must be (or must not be) on: one check per setting. */
export function notebookSettingCheck(c: {
  id: string;
  title: string;
  fact: string;
  /** the value that passes */
  want: boolean;
  severity: 'medium' | 'high';
  description: string;
  risk: string;
  fix: string;
  cli: string;
  reference: string;
  passed: string;
  failed: string;
}) {
  return defineCheck({
    id: `aws.sagemaker.${c.id}`,
    title: c.title,
    severity: c.severity,
    resource: 'aws.sagemaker.notebook_instance',
    triggers: [],
    description: c.description,
    risk: c.risk,
    remediation: { text: c.fix, cli: c.cli },
    references: [c.reference],
    evaluate(nb) {
      const v = extBool(nb, c.fact);
      if (v === null) return error(`the notebook instance could not be read${whyUnknown(nb, 'details')}`);
      return v === c.want ? pass(c.passed) : fail(`${nb.com.name} ${c.failed}`);
    },
  });
}
