/**
 * Sample queries over the store's query tables (query-tables.ts), written in the SQL that
 * SQLite and PostgreSQL share, so each runs on either store. Each is tested against a known
 * store on both (test/store/query-contract.ts).
 */

import { daysAgo, type SampleQuery, since, startOfWeek } from '../core/sample-query.js';

const monthStart = (now: Date, back: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);

export const STORE_SAMPLES: readonly SampleQuery[] = [
  {
    name: 'findings-by-severity',
    question: 'How many live findings are there of each severity, how many are new, how many muted?',
    params: [],
    sql: `SELECT severity,
       count(*) AS live,
       count(*) FILTER (WHERE state = 'new') AS new,
       count(*) FILTER (WHERE state = 'regressed') AS regressed,
       count(*) FILTER (WHERE muted = 1) AS muted
FROM findings
WHERE life_state <> 'resolved'
GROUP BY severity, severity_rank
ORDER BY severity_rank DESC`,
  },
  {
    name: 'public-buckets-created-last-month',
    question: 'Which storage buckets are public and were created last month?',
    params: [
      {
        name: 'from',
        description: 'created on or after this date (default: the first day of last month, UTC)',
        default: (now) => monthStart(now, 1),
      },
      {
        name: 'to',
        description: 'created before this date (default: the first day of this month, UTC)',
        default: (now) => monthStart(now, 0),
      },
    ],
    sql: `SELECT name, cloud, account, region, created_at, audit_key
FROM resources
WHERE record_type = 'storage'
  AND CAST(record->'com'->'public_access' AS TEXT) = 'true'
  AND created_at >= $from AND created_at < $to
ORDER BY created_at, name`,
  },
  {
    name: 'resources-changed-since',
    question: 'Which resources were added, changed or removed since Monday?',
    params: [since('changes seen by scans', startOfWeek, 'Monday of this week, UTC')],
    sql: `SELECT changed_at, change, type, name, account, region, audit_key
FROM resource_changes
WHERE changed_at >= $since
ORDER BY changed_at, change, type, name`,
  },
  {
    name: 'new-findings-since',
    question: 'Which findings were first seen since a date, most severe first?',
    params: [since('findings first seen', daysAgo(7), '7 days ago')],
    sql: `SELECT severity, check_id, resource_name, account, region, first_seen, state
FROM findings
WHERE first_seen >= $since
ORDER BY severity_rank DESC, first_seen, check_id, resource_name`,
  },
  {
    name: 'resolved-findings-since',
    question: 'Which findings were resolved since a date, and how long had they been open?',
    params: [since('findings resolved', daysAgo(30), '30 days ago')],
    sql: `SELECT severity, check_id, resource_name, account, first_seen, resolved_at
FROM findings
WHERE life_state = 'resolved' AND resolved_at >= $since
ORDER BY resolved_at, check_id, resource_name`,
  },
  {
    name: 'top-failing-checks',
    question: 'Which checks have the most live findings?',
    params: [],
    sql: `SELECT check_id, title, severity, count(*) AS findings, count(DISTINCT account) AS accounts
FROM findings
WHERE life_state <> 'resolved' AND status = 'fail'
GROUP BY check_id, title, severity, severity_rank
ORDER BY findings DESC, severity_rank DESC, check_id
LIMIT 20`,
  },
  {
    name: 'detections-by-rule',
    question: 'Which detection rules fired since a date, how often, and for how many actors?',
    params: [since('detections', daysAgo(7), '7 days ago')],
    sql: `SELECT rule_id, rule_title, severity, count(*) AS detections, count(DISTINCT actor) AS actors,
       max(time) AS last
FROM detections
WHERE time >= $since
GROUP BY rule_id, rule_title, severity, severity_rank
ORDER BY detections DESC, severity_rank DESC, rule_id`,
  },
];

export function storeSampleNamed(name: string): SampleQuery | undefined {
  return STORE_SAMPLES.find((s) => s.name === name);
}
