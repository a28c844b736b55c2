import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.task_set_no_public_ip',
  title: 'ECS task sets do not assign public IP addresses',
  severity: 'high',
  resource: 'aws.ecs.service',
  triggers: [],
  description: 'A task set of the service (external deployments) gives its tasks public IP addresses.',
  risk: 'Every task of the task set is reachable from the internet on whatever its security group allows.',
  remediation: {
    text: 'Create the task set again in private subnets with assignPublicIp DISABLED, then delete the old one.',
    cli: 'aws ecs create-task-set --cluster <cluster> --service <service> --task-definition <td> --network-configuration "awsvpcConfiguration={subnets=[<private-subnet>],securityGroups=[<sg>],assignPublicIp=DISABLED}"',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-external.html'],
  evaluate(svc) {
    const sets = extNum(svc, 'task_sets');
    const open = extList<string>(svc, 'task_sets_with_public_ip');
    if (sets === null || open === null) return error('the task sets could not be read');
    if (sets === 0) return notApplicable('the service has no task sets');
    if (open.length === 0) return pass('no task set assigns public IP addresses');
    return fail(`${svc.com.name}: task sets ${open.join(', ')} assign public IP addresses`, {
      evidence: { task_sets: open },
    });
  },
});
