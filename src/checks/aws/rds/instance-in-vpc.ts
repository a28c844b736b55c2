import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_in_vpc',
  title: 'RDS instances run in a VPC',
  severity: 'high',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'The instance has no DB subnet group in a VPC: it runs on the retired EC2-Classic network.',
  risk: 'Outside a VPC there are no security groups of your own, network ACLs or private addressing between the database and the internet.',
  remediation: {
    text: 'Move the instance into a VPC by giving it a DB subnet group (or restore a snapshot into one).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --db-subnet-group-name <subnet-group> --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  ],
  evaluate(db) {
    const vpc = extStr(db, 'vpc_id');
    return vpc ? pass(`in ${vpc}`) : fail(`${db.com.name} has no DB subnet group in a VPC`);
  },
});
