/**
 * Sample queries over the `events` table for the questions security teams ask most. Each is
 * tested against a generated month of CloudTrail with known answers (test/query/samples.test.ts).
 */

import { daysAgo, type SampleQuery, since, startOfWeek } from '../core/sample-query.js';

export { type SampleQuery, sampleParams, startOfWeek } from '../core/sample-query.js';

export const SAMPLES: readonly SampleQuery[] = [
  {
    name: 'console-sign-ins',
    question: 'Who signed in to the AWS console this week, how often, and how many attempts failed?',
    params: [since('sign-ins', startOfWeek, 'Monday of this week, UTC')],
    sql: `SELECT actor,
       count(*) AS sign_ins,
       count(*) FILTER (WHERE outcome <> 'success') AS failed,
       count(DISTINCT source_ip) AS source_ips,
       max(time) AS last_sign_in
FROM events
WHERE event_name = 'ConsoleLogin' AND time >= CAST($since AS TIMESTAMPTZ)
GROUP BY actor
ORDER BY sign_ins DESC, actor`,
  },
  {
    name: 'security-group-changes',
    question: 'Every security group change made by a principal since a date',
    params: [
      { name: 'principal', description: 'part of the actor (a user name, a role name or an ARN)' },
      since('changes', daysAgo(7), '7 days ago'),
    ],
    sql: `SELECT time, actor, event_name, resource, outcome, source_ip
FROM events
WHERE service = 'ec2'
  AND event_name IN ('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress',
                     'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
                     'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules',
                     'UpdateSecurityGroupRuleDescriptionsIngress', 'UpdateSecurityGroupRuleDescriptionsEgress')
  AND contains(actor, $principal)
  AND time >= CAST($since AS TIMESTAMPTZ)
ORDER BY time`,
  },
  {
    name: 'top-error-codes',
    question: 'Which error codes come back most, and from how many principals?',
    params: [since('events', daysAgo(30), '30 days ago')],
    sql: `SELECT outcome AS error_code,
       count(*) AS events,
       count(DISTINCT actor) AS principals,
       any_value(action) AS example_action
FROM events
WHERE outcome <> 'success' AND time >= CAST($since AS TIMESTAMPTZ)
GROUP BY outcome
ORDER BY events DESC, error_code
LIMIT 20`,
  },
  {
    name: 'access-denied',
    question: 'Which principals are refused access, how often, and to how many actions?',
    params: [since('refusals', daysAgo(30), '30 days ago')],
    sql: `SELECT actor,
       count(*) AS denied,
       count(DISTINCT action) AS actions,
       min(time) AS first,
       max(time) AS last
FROM events
WHERE (outcome ILIKE '%AccessDenied%' OR outcome ILIKE '%Unauthorized%')
  AND time >= CAST($since AS TIMESTAMPTZ)
GROUP BY actor
ORDER BY denied DESC, actor`,
  },
  {
    name: 'new-access-keys',
    question: 'Which access keys were created, for whom and by whom?',
    params: [since('keys created', daysAgo(30), '30 days ago')],
    sql: `SELECT time,
       actor AS created_by,
       coalesce(raw->>'$.responseElements.accessKey.userName', raw->>'$.requestParameters.userName') AS user_name,
       raw->>'$.responseElements.accessKey.accessKeyId' AS access_key_id,
       source_ip
FROM events
WHERE event_name = 'CreateAccessKey' AND outcome = 'success' AND time >= CAST($since AS TIMESTAMPTZ)
ORDER BY time`,
  },
];

export function sampleNamed(name: string): SampleQuery | undefined {
  return SAMPLES.find((s) => s.name === name);
}
