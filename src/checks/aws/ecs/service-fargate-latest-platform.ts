import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.service_fargate_latest_platform',
  title: 'ECS Fargate services run the latest platform version',
  severity: 'medium',
  resource: 'aws.ecs.service',
  triggers: [],
  description:
    'The Fargate service is pinned to a platform version older than the latest (1.4.0 on Linux, 1.0.0 on Windows by default).',
  risk: 'Older platform versions miss the kernel, runtime and agent fixes AWS ships in new ones.',
  remediation: {
    text: 'Set the platform version to LATEST (or the latest number) and force a new deployment.',
    cli: 'aws ecs update-service --cluster <cluster> --service <service> --platform-version LATEST --force-new-deployment',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html'],
  params: z.object({
    latest_linux_version: z.string().default('1.4.0'),
    latest_windows_version: z.string().default('1.0.0'),
  }),
  evaluate(svc, { latest_linux_version, latest_windows_version }) {
    if (extBool(svc, 'fargate') !== true) return notApplicable('not a Fargate service');
    const version = extStr(svc, 'platform_version') ?? 'LATEST';
    const windows = (extStr(svc, 'platform_family') ?? '').startsWith('WINDOWS');
    const latest = windows ? latest_windows_version : latest_linux_version;
    if (version === 'LATEST' || version === latest) return pass(`platform version ${version}`);
    return fail(`${svc.com.name} runs Fargate platform version ${version}, not ${latest}`, {
      evidence: { platform_version: version, latest },
    });
  },
});
