import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { isInternetSource } from '../../../core/shapes.js';
import { SQL_TRIGGERS } from './sql-common.js';

export default defineCheck({
  id: 'gcp.sql.instance_no_open_authorized_networks',
  title: 'Cloud SQL instances do not authorise connections from anywhere',
  severity: 'high',
  resource: 'gcp.sql.instance',
  triggers: SQL_TRIGGERS,
  description:
    'An authorised network of the instance is 0.0.0.0/0 (or ::/0): any address may connect to its public IP.',
  risk: 'The database listens to the whole internet: brute force and exploits of the engine reach it directly.',
  remediation: {
    text: 'Replace the open entry with the addresses that need access, or use the Cloud SQL Auth Proxy or private IP instead.',
    cli: 'gcloud sql instances patch <instance> --authorized-networks=<cidr>[,<cidr>...]',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/configure-ip'],
  evaluate: (r) => {
    const networks = r.ext.authorized_networks;
    if (!Array.isArray(networks)) return error('the authorised networks could not be read');
    const open = (networks as string[]).filter(isInternetSource);
    if (open.length === 0)
      return pass(networks.length ? `authorised: ${networks.join(', ')}` : 'no authorised network');
    return fail(`Cloud SQL instance ${r.com.name} authorises ${open.join(', ')}`, {
      evidence: { authorized_networks: networks },
    });
  },
});
