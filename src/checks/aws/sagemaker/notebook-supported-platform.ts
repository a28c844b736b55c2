import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sagemaker.notebook_supported_platform',
  title: 'SageMaker notebook instances run on a supported platform',
  severity: 'medium',
  resource: 'aws.sagemaker.notebook_instance',
  triggers: [],
  description:
    'The notebook instance runs on a platform (operating system and JupyterLab version) that is no longer supported.',
  risk: 'An unsupported platform gets no security patches for its operating system or JupyterLab.',
  remediation: {
    text: 'Create a new notebook instance on a supported platform identifier and move the notebooks to it.',
    cli: 'aws sagemaker create-notebook-instance --notebook-instance-name <name> --instance-type <type> --role-arn <role> --platform-identifier notebook-al2023-v1',
  },
  references: ['https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2.html'],
  params: z.object({
    supported_platforms: z.array(z.string().min(1)).min(1).default(['notebook-al2-v3', 'notebook-al2023-v1']),
  }),
  evaluate(nb, { supported_platforms }) {
    const platform = extStr(nb, 'platform');
    if (platform === null)
      return error(`the notebook platform could not be read${whyUnknown(nb, 'details')}`);
    return supported_platforms.includes(platform)
      ? pass(`platform ${platform}`)
      : fail(`${nb.com.name} runs on ${platform}, which is not supported`, {
          evidence: { platform, supported_platforms },
        });
  },
});
