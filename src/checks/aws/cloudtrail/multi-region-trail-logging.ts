import { defineCheck, unreadableErrors } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

interface ReadWrite {
  read?: unknown;
  write?: unknown;
}

export default defineCheck({
  id: 'aws.cloudtrail.multi_region_trail_logging',
  title: 'A multi-region CloudTrail trail records all management events',
  severity: 'high',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.cloudtrail.trail'],
  triggers: [],
  description: 'No trail that covers every region is logging both read and write management events.',
  risk: 'API activity in regions or of kinds no trail records leaves no audit trail: an intruder can work there unseen, and incidents cannot be reconstructed.',
  remediation: {
    text: 'Create (or update) a trail with --is-multi-region-trail, start logging, and keep an event selector that includes all management events (read and write).',
    cli: 'aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key-arn>\naws cloudtrail start-logging --name org-trail\naws cloudtrail put-event-selectors --trail-name org-trail --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
  ],
  evaluate(ctx) {
    // one good trail is enough, whatever the trails of unreadable regions say
    const { records: trails, unreadable: unreadableRegions } = ctx.readable('aws.cloudtrail.trail');
    const unknown: string[] = [];
    const partial: string[] = [];
    for (const t of trails) {
      if (t.ext.is_multi_region !== true) continue;
      const mgmt = t.ext.management_events as ReadWrite | null | undefined;
      if (typeof t.ext.logging !== 'boolean' || !mgmt) {
        unknown.push(t.com.name);
        continue;
      }
      if (t.ext.logging && mgmt.read === true && mgmt.write === true) {
        return pass(`trail ${t.com.name} logs all management events in every region`);
      }
      partial.push(`${t.com.name} (${t.ext.logging ? 'not all management events' : 'not logging'})`);
    }
    if (unknown.length > 0)
      return error(`the status or event selectors of trail(s) ${unknown.join(', ')} could not be read`);
    if (unreadableRegions.length > 0) return unreadableErrors(ctx, unreadableRegions);
    if (partial.length > 0)
      return fail(`no multi-region trail records all management events: ${partial.join(', ')}`);
    return fail(
      trails.length === 0
        ? 'the account has no CloudTrail trail'
        : `no trail covers every region (single-region: ${trails.map((t) => t.com.name).join(', ')})`,
    );
  },
});
