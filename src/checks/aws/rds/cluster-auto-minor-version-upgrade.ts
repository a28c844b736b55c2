import { defineCheck } from '../../../core/check.js';
import { notApplicable } from '../../../core/result.js';
import { extBool, settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';
import { engineOf } from './engines.js';

export default defineCheck({
  id: 'aws.rds.cluster_auto_minor_version_upgrade',
  title: 'RDS Multi-AZ DB clusters upgrade minor versions automatically',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'Automatic minor version upgrades are off for the cluster: engine security patches are not applied in the maintenance window.',
  risk: 'Known vulnerabilities of the database engine stay exploitable until someone upgrades by hand.',
  remediation: {
    text: 'Turn on automatic minor version upgrades for the cluster.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --auto-minor-version-upgrade --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  ],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () => {
      // Aurora sets it per instance; the cluster answer carries it for Multi-AZ DB clusters only
      if (engineOf(cluster).startsWith('aurora') && extBool(cluster, 'auto_minor_version_upgrade') === null)
        return notApplicable('Aurora sets automatic minor version upgrades per instance');
      return settingOn(cluster, 'auto_minor_version_upgrade', {
        on: 'automatic minor version upgrades are on',
        off: `${cluster.com.name} does not upgrade minor versions automatically`,
        unknown: 'the automatic upgrade setting is unreadable',
      });
    });
  },
});
