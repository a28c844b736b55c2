import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_automatic_snapshots',
  title: 'Redshift clusters keep automatic snapshots for at least 7 days',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'Automatic snapshots are off (retention 0) or kept for fewer days than required.',
  risk: 'Data lost to a mistake or an attack can only be restored from manual snapshots, if anyone took them.',
  remediation: {
    text: 'Set the automated snapshot retention period to at least the required number of days (7 by default).',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --automated-snapshot-retention-period 7',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html'],
  params: z.object({ min_retention_days: z.number().int().min(1).max(35).default(7) }),
  evaluate(cluster, { min_retention_days }) {
    const days = extNum(cluster, 'snapshot_retention_days');
    if (days === null) return error('the snapshot retention period is unreadable');
    return days >= min_retention_days
      ? pass(`snapshots kept ${days} days`)
      : fail(`${cluster.com.name} keeps automatic snapshots ${days} days, under ${min_retention_days}`);
  },
});
