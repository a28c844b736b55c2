import { defineCheck } from '../../../core/check.js';
import { coversCategories } from './event-subscription-coverage.js';

export default defineCheck({
  id: 'aws.rds.event_subscription_covers_cluster_events',
  title: 'RDS event subscriptions for DB clusters notify on critical events',
  severity: 'low',
  resource: 'aws.rds.event_subscription',
  triggers: [],
  description:
    'An RDS event subscription for DB clusters is disabled or leaves out some of the critical event categories (failure, maintenance).',
  risk: 'Failures, maintenance and configuration changes of the databases happen without anyone being told.',
  remediation: {
    text: 'Enable the subscription and add the missing event categories (or subscribe to every category).',
    cli: 'aws rds modify-event-subscription --subscription-name <subscription> --enabled --event-categories "failure" "maintenance"',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Subscribing.html'],
  evaluate(sub) {
    return coversCategories(sub, 'db-cluster', ['failure', 'maintenance']);
  },
});
