import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

/**
 * Lambda's managed language runtimes that were not deprecated when this list was written
 * (Node.js 18 and Python 3.9 were deprecated in 2025). Lambda deprecates runtimes on a published
 * schedule: set the check's `runtimes` parameter to follow it between releases.
 */
export const SUPPORTED_RUNTIMES = [
  'dotnet8',
  'java11',
  'java17',
  'java21',
  'java8.al2',
  'nodejs20.x',
  'nodejs22.x',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
];

export default defineCheck({
  id: 'aws.lambda.function_runtime_supported',
  title: 'Lambda functions run on a supported runtime',
  severity: 'medium',
  resource: 'aws.lambda.function',
  triggers: [],
  description: 'The function runs on a runtime that is not in the list of supported runtimes.',
  risk: 'A deprecated runtime gets no more security patches from AWS; known flaws of its language version and libraries stay in production.',
  remediation: {
    text: 'Move the function to a supported runtime of its language and test it there.',
    cli: 'aws lambda update-function-configuration --function-name <function> --runtime <runtime>',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html'],
  params: z.object({ runtimes: z.array(z.string().min(1)).min(1).default(SUPPORTED_RUNTIMES) }),
  evaluate(fn, { runtimes }) {
    const runtime = extStr(fn, 'runtime');
    if (runtime === null) {
      if (extStr(fn, 'package_type') === 'Image')
        return notApplicable('a container image function has no managed runtime');
      return error('the runtime is missing from the answer');
    }
    if (runtimes.includes(runtime)) return pass(`runtime ${runtime} is supported`);
    return fail(`${fn.com.name} runs on ${runtime}, which is not a supported runtime`, {
      evidence: { runtime, supported: runtimes },
    });
  },
});
