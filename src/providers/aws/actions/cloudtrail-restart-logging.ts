import type { ApiCall } from '../../kit/action.js';
import { type AwsRead, arnOf, defineAwsAction, target } from '../action.js';

async function stateOf(read: AwsRead, region: string, trail: string) {
  const t = await read('cloudtrail:GetTrail', region, { Name: trail });
  const s = await read('cloudtrail:GetTrailStatus', region, { Name: trail });
  const info = (t.Trail ?? {}) as { LogFileValidationEnabled?: boolean };
  return {
    IsLogging: s.IsLogging === true,
    LogFileValidationEnabled: info.LogFileValidationEnabled === true,
  };
}

export default defineAwsAction({
  id: 'aws.cloudtrail.restart_logging',
  title: 'Restart CloudTrail logging and turn on log file validation',
  fixes: ['aws.cloudtrail.log_file_validation_enabled', 'aws.cloudtrail.multi_region_trail_logging'],
  writes: ['cloudtrail:StartLogging', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'],
  reads: ['cloudtrail:GetTrail', 'cloudtrail:GetTrailStatus'],
  target(finding) {
    const arn = arnOf(finding.com.reference);
    if (
      finding.com.cloud_type !== 'aws' ||
      arn?.service !== 'cloudtrail' ||
      !arn.resource.startsWith('trail/')
    )
      return {
        refused: `${finding.com.reference} is not a CloudTrail trail (an account-wide finding names no trail)`,
      };
    // a trail is changed in its home region, the one its ARN names
    return target(finding, { trail: finding.com.reference }, arn.region || undefined);
  },
  async plan(t, read) {
    const trail = t.details.trail ?? '';
    const before = await stateOf(read, t.region, trail);
    const calls: ApiCall[] = [];
    const undo: ApiCall[] = [];
    if (!before.IsLogging) {
      calls.push({
        action: 'cloudtrail:StartLogging',
        params: { Name: trail },
        why: 'the trail is not logging',
      });
      undo.push({ action: 'cloudtrail:StopLogging', params: { Name: trail } });
    }
    if (!before.LogFileValidationEnabled) {
      calls.push({
        action: 'cloudtrail:UpdateTrail',
        params: { Name: trail, EnableLogFileValidation: true },
        why: 'digest files prove the logs were not changed',
      });
      undo.push({
        action: 'cloudtrail:UpdateTrail',
        params: { Name: trail, EnableLogFileValidation: false },
      });
    }
    if (calls.length === 0)
      return { calls, undo, before, noop: 'the trail is logging with log file validation on' };
    return { calls, undo: undo.reverse(), before };
  },
  async verify(t, read) {
    const now = await stateOf(read, t.region, t.details.trail ?? '');
    return now.IsLogging && now.LogFileValidationEnabled;
  },
});
