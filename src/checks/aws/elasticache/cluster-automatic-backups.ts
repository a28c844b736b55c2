import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.cluster_automatic_backups',
  title: 'ElastiCache Redis OSS and Valkey clusters keep automatic backups',
  severity: 'high',
  resource: 'aws.elasticache.cache_cluster',
  triggers: [],
  description: 'Automatic backups are off (snapshot retention 0) or kept for fewer days than required.',
  risk: 'A failed node, a flush or a bad write loses the cached data for good when it is the only copy (sessions, queues, leaderboards).',
  remediation: {
    text: 'Set a snapshot retention limit of at least the required days (1 by default) on the cluster or its replication group.',
    cli: 'aws elasticache modify-replication-group --replication-group-id <group> --snapshot-retention-limit 7 --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html'],
  params: z.object({ min_retention_days: z.number().int().min(1).max(35).default(1) }),
  evaluate(cluster, { min_retention_days }) {
    const engine = extStr(cluster, 'engine');
    if (engine === 'memcached') return notApplicable('Memcached keeps no backups');
    const days = extNum(cluster, 'snapshot_retention_days');
    if (days === null) return error('the snapshot retention limit is unreadable');
    return days >= min_retention_days
      ? pass(`backups kept ${days} days`)
      : fail(`${cluster.com.name} keeps automatic backups ${days} days, under ${min_retention_days}`);
  },
});
