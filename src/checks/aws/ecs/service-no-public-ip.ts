import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.service_no_public_ip',
  title: 'ECS services do not assign public IP addresses to their tasks',
  severity: 'high',
  resource: 'aws.ecs.service',
  triggers: [],
  description: 'The service gives its tasks public IP addresses (assignPublicIp: ENABLED).',
  risk: 'Every task is reachable from the internet on whatever its security group allows, outside any load balancer or firewall in front of it.',
  remediation: {
    text: 'Run the tasks in private subnets with assignPublicIp DISABLED, reaching the internet through a NAT gateway and serving traffic through a load balancer.',
    cli: 'aws ecs update-service --cluster <cluster> --service <service> --network-configuration "awsvpcConfiguration={subnets=[<private-subnet>],securityGroups=[<sg>],assignPublicIp=DISABLED}"',
  },
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html'],
  evaluate(svc) {
    const on = extBool(svc, 'assigns_public_ip');
    if (on === null) return error('the network configuration could not be read');
    return on ? fail(`${svc.com.name} assigns public IP addresses`) : pass('no public IP addresses');
  },
});
