import { describe, expect, it } from 'vitest';
import { AWS, one } from '../helpers.js';

/** The protection plans of the region's enabled detector, as GetDetector lists them in Features. */
describe('aws.guardduty.detectors features', () => {
  const detector = (Status: string, Features?: unknown) => ({
    DetectorId: `d-${Status}`,
    CreatedAt: '2017-12-05T00:29:11.374Z',
    FindingPublishingFrequency: 'SIX_HOURS',
    ServiceRole:
      'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
    Status,
    ...(Features ? { Features } : {}),
  });

  it('maps each feature and its agent configurations of the enabled detector', () => {
    const r = one(
      'aws.guardduty.detectors',
      {
        item: { DetectorIds: ['d-SUSPENDED', 'd-ENABLED'] },
        detectors: [
          detector('SUSPENDED', [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }]),
          detector('ENABLED', [
            { Name: 'S3_DATA_EVENTS', Status: 'DISABLED', UpdatedAt: '2024-01-01T00:00:00Z' },
            {
              Name: 'RUNTIME_MONITORING',
              Status: 'ENABLED',
              AdditionalConfiguration: [
                { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' },
                { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'DISABLED' },
              ],
            },
          ]),
        ],
      },
      AWS,
    );
    expect(r.ext.features).toEqual({
      S3_DATA_EVENTS: 'DISABLED',
      RUNTIME_MONITORING: 'ENABLED',
      'RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT': 'ENABLED',
      'RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT': 'DISABLED',
    });
  });

  it('no enabled detector, or detectors unreadable: no features', () => {
    expect(
      one('aws.guardduty.detectors', { item: { DetectorIds: [] }, detectors: [] }, AWS).ext.features,
    ).toBeNull();
    expect(
      one(
        'aws.guardduty.detectors',
        { item: { DetectorIds: ['d-1'] }, detectors: { __error: 'AccessDenied: x' } },
        AWS,
      ).ext.features,
    ).toBeNull();
  });
});
