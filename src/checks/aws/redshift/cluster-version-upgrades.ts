import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_version_upgrades',
  title: 'Redshift clusters receive major version upgrades automatically',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'Automatic major version upgrades are off for the cluster.',
  risk: 'Engine fixes, security patches included, are not applied until someone upgrades by hand.',
  remediation: {
    text: 'Allow version upgrades for the cluster.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --allow-version-upgrade',
  },
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html#rs-mgmt-set-maintenance-track',
  ],
  evaluate(cluster) {
    return settingOn(cluster, 'allow_version_upgrade', {
      on: 'version upgrades are applied in the maintenance window',
      off: `${cluster.com.name} does not take engine version upgrades`,
      unknown: 'the version upgrade setting is unreadable',
    });
  },
});
