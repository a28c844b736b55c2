import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_multi_az',
  title: 'Neptune clusters span several Availability Zones',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The Neptune cluster has no instance outside one Availability Zone.',
  risk: 'An Availability Zone outage takes the graph down until it is restored.',
  remediation: {
    text: 'Add a read replica in another Availability Zone.',
    cli: 'aws neptune create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier <replica> --engine neptune --db-instance-class <class> --availability-zone <other-az>',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-availability.html'],
  evaluate(r) {
    return onlyEngine(r, 'neptune', () =>
      settingOn(r, 'multi_az', {
        on: 'instances in several Availability Zones',
        off: `${r.com.name} runs in a single Availability Zone`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});
