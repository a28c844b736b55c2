import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import {
  DescribeHubCommand,
  InvalidAccessException,
  paginateGetEnabledStandards,
  ResourceNotFoundException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { withoutMetadata } from '../adapter.js';
import { defineCollector } from '../collector.js';
import { allPages } from './pages.js';

/** Security Hub in one region; item null when the account is not subscribed there. */
export const securityHub = defineCollector({
  type: 'aws.securityhub.hub',
  service: 'securityhub',
  client: SecurityHubClient,
  scope: 'region',
  list: {
    permission: 'securityhub:DescribeHub',
    single: (client) => client.send(new DescribeHubCommand({})),
    // not subscribed: InvalidAccessException ("not subscribed to AWS Security Hub"); same codes on the wire
    absentOn: [InvalidAccessException, ResourceNotFoundException],
  },
  enrich: {
    standards: {
      permission: 'securityhub:GetEnabledStandards',
      call: (client) =>
        allPages(paginateGetEnabledStandards({ client }, {}), (p) => p.StandardsSubscriptions),
    },
  },
});

/** GuardDuty in one region (one detector at most per account and region). */
export const guardDutyDetectors = defineCollector({
  type: 'aws.guardduty.detectors',
  service: 'guardduty',
  client: GuardDutyClient,
  scope: 'region',
  list: {
    permission: 'guardduty:ListDetectors',
    single: async (client) => ({
      DetectorIds: await allPages(paginateListDetectors({ client }, {}), (p) => p.DetectorIds),
    }),
  },
  enrich: {
    detectors: {
      permission: 'guardduty:GetDetector',
      call: async (client, { DetectorIds }) =>
        Promise.all(
          DetectorIds.map(async (DetectorId) => ({
            DetectorId,
            ...withoutMetadata(await client.send(new GetDetectorCommand({ DetectorId }))),
          })),
        ),
    },
  },
});

/** IAM Access Analyzer in one region: every analyzer (account and organisation zones of trust). */
export const accessAnalyzers = defineCollector({
  type: 'aws.accessanalyzer.analyzers',
  service: 'access-analyzer',
  client: AccessAnalyzerClient,
  scope: 'region',
  list: {
    permission: 'access-analyzer:ListAnalyzers',
    single: async (client) => ({
      analyzers: await allPages(paginateListAnalyzers({ client }, {}), (p) => p.analyzers),
    }),
  },
});

/** Amazon Inspector (v2) activation of the account in one region. */
export const inspectorStatus = defineCollector({
  type: 'aws.inspector2.account_status',
  service: 'inspector2',
  client: Inspector2Client,
  scope: 'region',
  list: {
    permission: 'inspector2:BatchGetAccountStatus',
    single: (client, ctx) => client.send(new BatchGetAccountStatusCommand({ accountIds: [ctx.account] })),
  },
});
