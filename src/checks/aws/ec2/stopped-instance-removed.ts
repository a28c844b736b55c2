import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.stopped_instance_removed',
  title: 'EC2 instances are not left stopped for longer than allowed',
  severity: 'medium',
  resource: 'aws.ec2.instance',
  facts: { 'aws.ec2.instance': ['stopped_days', 'stopped_at'] },
  triggers: ['StopInstances', 'StartInstances'],
  description: 'The instance has been stopped for longer than the allowed number of days (30 by default).',
  risk: 'Forgotten stopped instances keep old software, old credentials and data volumes around; started again they come back unpatched.',
  remediation: {
    text: 'Terminate instances nobody needs any more (snapshot or image their volumes first if the data must be kept), or start and patch them.',
    cli: 'aws ec2 terminate-instances --instance-ids <instance-id>',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html'],
  params: z.object({ allowed_days: z.number().int().min(1).max(365).default(30) }),
  evaluate(instance, { allowed_days }) {
    const state = typeof instance.com.state === 'string' ? instance.com.state : null;
    if (state === null) return error('the instance state could not be read');
    if (state !== 'stopped') return notApplicable(`instance is ${state}`);
    const days = extNum(instance, 'stopped_days');
    if (days === null) return error('the instance is stopped but its state change time could not be read');
    return days > allowed_days
      ? fail(
          `${instance.com.name} has been stopped for ${days} days (since ${extStr(instance, 'stopped_at')})`,
        )
      : pass(`stopped for ${days} days, within ${allowed_days}`);
  },
});
