import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { endpointCollection, jsonAnswer } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * Systems Manager documents and managed nodes through the SDK stack against the fixture
 * endpoint, in SSM's JSON 1.1 shapes (as in the cloud-custodian placebo recordings).
 */

const env = endpointCollection('AKIDSSMTEST');
const PREFIX = 'AmazonSSM.';

function ssm(r: EndpointRequest) {
  if (r.service !== 'ssm' || r.headers['x-amz-target'] !== `${PREFIX}${r.action}`) return undefined;
  const input = JSON.parse(r.body || '{}') as Record<string, unknown>;
  switch (r.action) {
    case 'ListDocuments':
      expect(input.Filters).toEqual([{ Key: 'Owner', Values: ['Self'] }]);
      return jsonAnswer({
        DocumentIdentifiers: ['deploy-app', 'rotate-logs', 'gone'].map((Name) => ({
          Name,
          Owner: '111122223333',
          DocumentType: 'Command',
          DocumentVersion: '1',
          SchemaVersion: '2.2',
        })),
      });
    case 'DescribeDocumentPermission':
      if (input.Name === 'deploy-app')
        return jsonAnswer({
          AccountIds: ['all'],
          AccountSharingInfoList: [{ AccountId: 'all', SharedDocumentVersion: '$DEFAULT' }],
        });
      if (input.Name === 'rotate-logs')
        return jsonAnswer({
          AccountIds: ['444455556666'],
          AccountSharingInfoList: [{ AccountId: '444455556666' }],
        });
      return wireError('AwsJson1_1Protocol', 'InvalidDocument', 'The specified document does not exist.');
    case 'DescribeInstanceInformation':
      return jsonAnswer({
        InstanceInformationList: [
          {
            InstanceId: 'i-0ba3874e85bb97244',
            PingStatus: 'Online',
            PlatformType: 'Linux',
            ResourceType: 'EC2Instance',
            ComputerName: 'ip-172-31-10-93',
          },
          {
            InstanceId: 'i-0dea82d960d56dc1d',
            PingStatus: 'Online',
            PlatformType: 'Linux',
            ResourceType: 'EC2Instance',
          },
        ],
      });
    case 'ListResourceComplianceSummaries':
      expect(input.Filters).toEqual([{ Key: 'ResourceType', Values: ['ManagedInstance'], Type: 'EQUAL' }]);
      return jsonAnswer({
        ResourceComplianceSummaryItems: [
          {
            ComplianceType: 'Association',
            ResourceId: 'i-0dea82d960d56dc1d',
            ResourceType: 'ManagedInstance',
            Status: 'NON_COMPLIANT',
            OverallSeverity: 'UNSPECIFIED',
          },
          {
            ComplianceType: 'Patch',
            ResourceId: 'i-0dea82d960d56dc1d',
            ResourceType: 'ManagedInstance',
            Status: 'COMPLIANT',
            OverallSeverity: 'UNSPECIFIED',
          },
          {
            ComplianceType: 'Patch',
            ResourceId: 'i-0ba3874e85bb97244',
            ResourceType: 'ManagedInstance',
            Status: 'NON_COMPLIANT',
            OverallSeverity: 'CRITICAL',
          },
        ],
      });
    default:
      return undefined;
  }
}

describe('aws.ssm.document collector', () => {
  it('lists the account’s own documents and whom each is shared with', async () => {
    env.serve(ssm);
    const records = await env.records('aws.ssm.document');
    expect(records.map((r) => [r.com.name, r.ext.public, r.ext.shared_with])).toEqual([
      ['deploy-app', true, ['all']],
      ['rotate-logs', false, ['444455556666']],
      ['gone', null, []],
    ]);
    expect(records[2]?.ext.unknown_facts).toEqual({
      sharing: 'the document was deleted while it was being read',
    });
  });
});

describe('aws.ssm.managed_instance collector', () => {
  it('joins the bulk compliance summaries to the managed nodes: two calls in all', async () => {
    env.serve(ssm);
    const records = await env.records('aws.ssm.managed_instance');
    expect(
      records.map((r) => [r.ext.instance_id, r.ext.patch_compliance, r.ext.association_compliance]),
    ).toEqual([
      ['i-0ba3874e85bb97244', 'NON_COMPLIANT', null],
      ['i-0dea82d960d56dc1d', 'COMPLIANT', 'NON_COMPLIANT'],
    ]);
    expect(env.calls()).toEqual(['ssm:DescribeInstanceInformation', 'ssm:ListResourceComplianceSummaries']);
  });

  it('a failed compliance read fails the collection (no node reads as compliant)', async () => {
    env.serve((r) =>
      r.action === 'ListResourceComplianceSummaries'
        ? wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'no ssm:ListResourceComplianceSummaries')
        : ssm(r),
    );
    const c = await env.collect('aws.ssm.managed_instance');
    expect(c.error).toMatch(/^ssm:ListResourceComplianceSummaries: AccessDeniedException/);
  });

  it('the policy grants every call', () => {
    expect(awsPolicy(['aws.ssm.managed_instance', 'aws.ssm.document']).Statement[0]?.Action).toEqual(
      expect.arrayContaining([
        'ssm:DescribeInstanceInformation',
        'ssm:ListResourceComplianceSummaries',
        'ssm:ListDocuments',
        'ssm:DescribeDocumentPermission',
      ]),
    );
  });
});
