import {
  AccessAnalyzerClient,
  paginateListAnalyzers,
  paginateListFindingsV2,
} from '@aws-sdk/client-accessanalyzer';
import {
  GetFindingsCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
} from '@aws-sdk/client-guardduty';
import {
  BatchGetAccountStatusCommand,
  Inspector2Client,
  paginateListFindings as paginateInspectorFindings,
} from '@aws-sdk/client-inspector2';
import {
  InvalidAccessException,
  paginateGetFindings,
  ResourceNotFoundException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { ServiceNotInUseError } from '../../kit/not-in-use.js';
import { withoutMetadata } from '../adapter.js';
import { defineCollector } from '../collector.js';
import { isAwsError } from '../errors.js';
import { allPages } from './pages.js';

/**
 * The findings of AWS's own detectors, one raw item per active finding, for the import checks
 * (src/checks/aws/imports/). A detector that is not in use in a region (no GuardDuty detector,
 * Security Hub or Inspector not enabled, no active analyzer) makes the collection not applicable
 * there; any other refusal (AccessDenied) fails it, so its import reports `error`.
 */

/** GetFindings takes at most 50 ids. */
const GUARDDUTY_BATCH = 50;

/** GuardDuty: the findings not archived of every detector of the region (ListFindings, GetFindings). */
export const guardDutyFindings = defineCollector({
  type: 'aws.guardduty.finding',
  service: 'guardduty',
  client: GuardDutyClient,
  scope: 'region',
  list: {
    permission: 'guardduty:ListFindings',
    alsoCalls: ['guardduty:ListDetectors', 'guardduty:GetFindings'],
    all: async function* (client, ctx) {
      const detectors = await allPages(paginateListDetectors({ client }, {}), (p) => p.DetectorIds);
      if (detectors.length === 0)
        throw new ServiceNotInUseError(`GuardDuty has no detector in ${ctx.region}`);
      for (const DetectorId of detectors) {
        const criteria = { Criterion: { 'service.archived': { Equals: ['false'] } } };
        for await (const page of paginateListFindings(
          { client, pageSize: GUARDDUTY_BATCH },
          { DetectorId, FindingCriteria: criteria },
        )) {
          const ids = page.FindingIds ?? [];
          for (let i = 0; i < ids.length; i += GUARDDUTY_BATCH) {
            const FindingIds = ids.slice(i, i + GUARDDUTY_BATCH);
            const got = await client.send(new GetFindingsCommand({ DetectorId, FindingIds }));
            for (const f of got.Findings ?? []) yield withoutMetadata(f);
          }
        }
      }
    },
  },
});

/**
 * Security Hub: the active findings whose workflow is still open (NEW or NOTIFIED) and, for
 * controls, that did not pass; except Cloudward's own (the ASFF report's ids start with
 * `cloudward/` and carry `cloudward/finding_id`), which would come back as a second copy of the
 * finding they were made from.
 */
export const securityHubFindings = defineCollector({
  type: 'aws.securityhub.finding',
  service: 'securityhub',
  client: SecurityHubClient,
  scope: 'region',
  list: {
    permission: 'securityhub:GetFindings',
    all: async function* (client, ctx) {
      const Filters = {
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' as const }],
        WorkflowStatus: [
          { Value: 'NEW', Comparison: 'EQUALS' as const },
          { Value: 'NOTIFIED', Comparison: 'EQUALS' as const },
        ],
        Id: [{ Value: 'cloudward/', Comparison: 'PREFIX_NOT_EQUALS' as const }],
      };
      try {
        for await (const page of paginateGetFindings({ client, pageSize: 100 }, { Filters })) {
          for (const f of page.Findings ?? []) {
            // a control that passed (or could not run) is no problem; Cloudward's own findings stay out
            const status = f.Compliance?.Status;
            if (status === 'PASSED' || status === 'NOT_AVAILABLE') continue;
            if (f.ProductFields?.['cloudward/finding_id'] !== undefined) continue;
            yield f;
          }
        }
      } catch (e) {
        // not subscribed: InvalidAccessException ("not subscribed to AWS Security Hub")
        if (isAwsError(e, [InvalidAccessException, ResourceNotFoundException]))
          throw new ServiceNotInUseError(`Security Hub is not enabled in ${ctx.region}`);
        throw e;
      }
    },
  },
});

/** Amazon Inspector (v2): the active findings, when Inspector is enabled in the region. */
export const inspectorFindings = defineCollector({
  type: 'aws.inspector2.finding',
  service: 'inspector2',
  client: Inspector2Client,
  scope: 'region',
  list: {
    permission: 'inspector2:ListFindings',
    alsoCalls: ['inspector2:BatchGetAccountStatus'],
    all: async function* (client, ctx) {
      const status = await client.send(new BatchGetAccountStatusCommand({ accountIds: [ctx.account] }));
      const state = status.accounts?.find((a) => a.accountId === ctx.account)?.state?.status;
      if (state !== 'ENABLED' && state !== 'ENABLING')
        throw new ServiceNotInUseError(`Inspector is not enabled in ${ctx.region} (${state ?? 'no status'})`);
      const filterCriteria = { findingStatus: [{ comparison: 'EQUALS' as const, value: 'ACTIVE' }] };
      for await (const page of paginateInspectorFindings({ client, pageSize: 100 }, { filterCriteria })) {
        yield* page.findings ?? [];
      }
    },
  },
});

/** IAM Access Analyzer: the active findings of every active analyzer of the region (ListFindingsV2). */
export const accessAnalyzerFindings = defineCollector({
  type: 'aws.accessanalyzer.finding',
  service: 'access-analyzer',
  client: AccessAnalyzerClient,
  scope: 'region',
  list: {
    permission: 'access-analyzer:ListFindingsV2',
    alsoCalls: ['access-analyzer:ListAnalyzers'],
    all: async function* (client, ctx) {
      const analyzers = (await allPages(paginateListAnalyzers({ client }, {}), (p) => p.analyzers)).filter(
        (a) => a.status === 'ACTIVE',
      );
      if (analyzers.length === 0)
        throw new ServiceNotInUseError(`no active Access Analyzer analyzer in ${ctx.region}`);
      for (const a of analyzers) {
        const filter = { status: { eq: ['ACTIVE'] } };
        for await (const page of paginateListFindingsV2({ client }, { analyzerArn: a.arn, filter })) {
          for (const f of page.findings ?? []) yield { ...f, analyzerArn: a.arn, analyzerType: a.type };
        }
      }
    },
  },
});
