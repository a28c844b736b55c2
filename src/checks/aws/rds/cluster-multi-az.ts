import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';

export default defineCheck({
  id: 'aws.rds.cluster_multi_az',
  title: 'RDS DB clusters span several Availability Zones',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'The cluster has no instance outside one Availability Zone, so there is no replica to fail over to.',
  risk: 'An Availability Zone outage takes the database down until it is restored by hand.',
  remediation: {
    text: 'Add a reader instance in another Availability Zone (Aurora) or create the cluster as a Multi-AZ DB cluster.',
    cli: 'aws rds create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier <reader> --engine <engine> --db-instance-class <class> --availability-zone <other-az>',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html',
  ],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () =>
      settingOn(cluster, 'multi_az', {
        on: 'instances in several Availability Zones',
        off: `${cluster.com.name} runs in a single Availability Zone`,
        unknown: 'the Multi-AZ setting is unreadable',
      }),
    );
  },
});
