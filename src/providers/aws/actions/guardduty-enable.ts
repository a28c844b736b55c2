import { type AwsRead, defineAwsAction, target } from '../action.js';

async function detector(read: AwsRead, region: string): Promise<{ id: string; status: string } | null> {
  const ids = ((await read('guardduty:ListDetectors', region, {})).DetectorIds as string[] | undefined) ?? [];
  const id = ids[0];
  if (!id) return null;
  const d = await read('guardduty:GetDetector', region, { DetectorId: id });
  return { id, status: String(d.Status ?? '') };
}

export default defineAwsAction({
  id: 'aws.guardduty.enable',
  title: 'Enable GuardDuty in a region',
  fixes: ['aws.guardduty.enabled_in_region'],
  writes: ['guardduty:CreateDetector', 'guardduty:UpdateDetector', 'guardduty:DeleteDetector'],
  reads: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  target(finding) {
    if (finding.com.cloud_type !== 'aws' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(finding.com.region))
      return { refused: 'not a finding of an AWS region' };
    return target(finding, {});
  },
  async plan(t, read) {
    const before = await detector(read, t.region);
    if (before?.status === 'ENABLED')
      return { calls: [], undo: [], before, noop: `GuardDuty is already enabled in ${t.region}` };
    if (before) {
      return {
        before,
        calls: [
          {
            action: 'guardduty:UpdateDetector',
            params: { DetectorId: before.id, Enable: true },
            why: 'the detector is suspended',
          },
        ],
        undo: [{ action: 'guardduty:UpdateDetector', params: { DetectorId: before.id, Enable: false } }],
      };
    }
    return {
      before,
      calls: [
        {
          action: 'guardduty:CreateDetector',
          params: { Enable: true },
          keep: { as: 'detectorId', field: 'DetectorId' },
          why: `no detector in ${t.region}`,
        },
      ],
      undo: [{ action: 'guardduty:DeleteDetector', params: { DetectorId: '{{detectorId}}' } }],
    };
  },
  async verify(t, read) {
    return (await detector(read, t.region))?.status === 'ENABLED';
  },
});
