import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import type { RdbmsCom } from '../../../core/shapes.js';

export default defineCheck({
  id: 'aws.rds.instance_not_publicly_accessible',
  title: 'RDS instances are not publicly accessible',
  severity: 'high',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'The instance is publicly accessible: its endpoint resolves to a public IP address, reachable from the internet wherever its security groups allow.',
  risk: 'A database with a public address is one security group rule away from being exposed to password guessing and engine exploits from the whole internet.',
  remediation: {
    text: 'Turn off public accessibility and reach the database from inside the VPC (application tier, bastion, VPN or Session Manager port forwarding).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  ],
  evaluate(db) {
    const c = db.com as typeof db.com & Partial<RdbmsCom>;
    if (c.publicly_accessible === false) return pass('not publicly accessible');
    if (c.publicly_accessible === true) return fail(`${db.com.name} is publicly accessible`);
    return error('the public accessibility setting is unreadable');
  },
});
