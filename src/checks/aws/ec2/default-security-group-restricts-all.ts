import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.default_security_group_restricts_all',
  title: 'The default security group of every VPC allows no traffic',
  severity: 'medium',
  resource: 'aws.ec2.security_group',
  triggers: [],
  description: "A VPC's default security group has inbound or outbound rules.",
  risk: 'Resources launched without an explicit group land in the default group; any rule there silently applies to them.',
  remediation: {
    text: 'Move resources to purpose-made security groups, then remove every inbound and outbound rule of the default group.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <default-sg-id> --query SecurityGroups[0].IpPermissions)"\naws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <default-sg-id> --query SecurityGroups[0].IpPermissionsEgress)"',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
  evaluate(sg) {
    if (extBool(sg, 'is_default') !== true) return notApplicable('not a default security group');
    const inbound = extNum(sg, 'ingress_permission_count');
    const outbound = extNum(sg, 'egress_permission_count');
    if (inbound === null || outbound === null) return error('the rules of the group are unreadable');
    if (inbound === 0 && outbound === 0) return pass('the default security group has no rules');
    return fail(
      `default security group of ${String(sg.ext.vpc_id)} has ${inbound} inbound and ${outbound} outbound rule(s)`,
    );
  },
});
