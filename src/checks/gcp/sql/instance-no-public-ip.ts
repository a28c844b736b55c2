import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { isReplica, SQL_TRIGGERS } from './sql-common.js';

export default defineCheck({
  id: 'gcp.sql.instance_no_public_ip',
  title: 'Cloud SQL instances have no public IP address',
  severity: 'medium',
  resource: 'gcp.sql.instance',
  triggers: SQL_TRIGGERS,
  description: 'The instance has a public IPv4 address (ipConfiguration.ipv4Enabled).',
  risk: "A public address exposes the database endpoint to the internet; only the authorised networks and the engine's own authentication stand in the way.",
  remediation: {
    text: 'Give the instance a private IP on a VPC network and turn the public IP off.',
    cli: 'gcloud sql instances patch <instance> --network=<vpc> --no-assign-ip',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/configure-private-ip'],
  evaluate: (r) => {
    if (isReplica(r)) return notApplicable('a read replica (judged with its primary)');
    const ipv4 = r.ext.ipv4_enabled;
    if (ipv4 === true) return fail(`Cloud SQL instance ${r.com.name} has a public IP address`);
    if (ipv4 === false) return pass('private IP only');
    return error('ipConfiguration.ipv4Enabled could not be read');
  },
});
