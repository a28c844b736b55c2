import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';
import { engineOf } from './engines.js';

export default defineCheck({
  id: 'aws.rds.cluster_backtracking',
  title: 'Aurora MySQL clusters have backtracking',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description:
    'Backtracking is off (target window 0): the cluster cannot be rewound to an earlier point in time in place.',
  risk: 'Recovering from a bad write or a dropped table needs a full point-in-time restore to a new cluster, which takes hours instead of minutes.',
  remediation: {
    text: 'Set a backtrack window on the Aurora MySQL cluster (backtracking can only be turned on when the cluster is created or restored).',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <cluster> --backtrack-window 86400 --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html',
  ],
  evaluate(cluster) {
    const engine = engineOf(cluster);
    if (engine !== 'aurora-mysql' && engine !== 'aurora')
      return notApplicable(`backtracking is Aurora MySQL only (${engine || 'unknown engine'})`);
    const window = extNum(cluster, 'backtrack_window_seconds');
    if (window === null) return error('the backtrack window is unreadable');
    return window > 0
      ? pass(`backtrack window ${window} s`)
      : fail(`${cluster.com.name} has no backtracking`);
  },
});
