import {
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type ManagedPolicyDetail,
  NoSuchEntityException,
  paginateGetAccountAuthorizationDetails,
  paginateListEntitiesForPolicy,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { type CollectContext, defineCollector } from '../collector.js';
import { parseCredentialReport } from '../credential-report.js';
import { type AwsErrorMatch, isAwsError } from '../errors.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits between GenerateCredentialReport polls; IAM usually finishes within seconds. */
export const REPORT_POLL_MS = [200, 500, 1000, 2000, 2000, 4000, 4000, 8000, 8000, 8000, 8000, 8000];

/** GetCredentialReport right after COMPLETE: generated, but not readable yet (IAM's codes ReportInProgress, ReportNotPresent). */
const REPORT_NOT_READY: readonly AwsErrorMatch[] = [
  CredentialReportNotReadyException,
  'ReportInProgress',
  CredentialReportNotPresentException,
  'ReportNotPresent',
];

async function credentialReportText(client: IAMClient): Promise<string> {
  for (const wait of [...REPORT_POLL_MS, -1]) {
    const gen = await client.send(new GenerateCredentialReportCommand({}));
    if (gen.State === 'COMPLETE') {
      try {
        const report = await client.send(new GetCredentialReportCommand({}));
        if (!report.Content) throw new Error('iam:GetCredentialReport answered without Content');
        return new TextDecoder('utf-8', { fatal: false }).decode(report.Content);
      } catch (e) {
        // generated, but not yet readable: poll again
        if (!isAwsError(e, REPORT_NOT_READY)) throw e;
      }
    }
    if (wait < 0) break;
    await sleep(wait);
  }
  throw Object.assign(new Error('the credential report was not ready after about a minute'), {
    name: 'ReportInProgress',
  });
}

/**
 * The account's credential report, generated and read once per scan and shared by the
 * collectors that read it (the report's own rows, and the users joined with their row).
 */
function accountCredentialReport(client: IAMClient, ctx: CollectContext) {
  return ctx.memo('iam:GetCredentialReport', async () =>
    parseCredentialReport(await credentialReportText(client)),
  );
}

export const credentialReport = defineCollector({
  type: 'aws.iam.credential_report',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetCredentialReport',
    alsoCalls: ['iam:GenerateCredentialReport'],
    all: async (client, ctx) => {
      const { rows, problems } = await accountCredentialReport(client, ctx);
      // a malformed row cannot be read: its item is null with the reason, never a silent gap
      return [
        ...rows.map((r) => r.fields),
        ...problems.map((p) => ({ __error: `iam:GetCredentialReport line ${p.line}: ${p.message}` })),
      ];
    },
  },
  // ages (key age, days since last use) are counted to when the report was read, so a
  // snapshot audited later gives the same answer
  derive: { collectedAt: () => new Date().toISOString() },
});

export const passwordPolicy = defineCollector({
  type: 'aws.iam.password_policy',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountPasswordPolicy',
    single: async (client) =>
      (await client.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? {},
    // no policy set: IAM answers 404 NoSuchEntity, which the SDK raises as NoSuchEntityException
    absentOn: [NoSuchEntityException, 'NoSuchEntity'],
  },
});

export const accountSummary = defineCollector({
  type: 'aws.iam.account_summary',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountSummary',
    single: async (client) => (await client.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {},
  },
});

/** One GetAccountAuthorizationDetails listing gives users, groups, roles and policies with their documents. */
const authDetails = (client: IAMClient, filter: 'User' | 'Group' | 'Role' | 'LocalManagedPolicy') =>
  paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: [filter] });

/** The credential report's rows by user ARN (the report has one row per user, and the root's). */
async function reportRowsByArn(
  client: IAMClient,
  ctx: CollectContext,
): Promise<Map<string, Record<string, string>>> {
  return ctx.memo('iam:GetCredentialReport#byArn', async () => {
    const { rows } = await accountCredentialReport(client, ctx);
    return new Map(rows.map((r) => [r.fields.arn ?? '', r.fields]));
  });
}

/**
 * IAM users in bulk: GetAccountAuthorizationDetails gives each user with its groups and its
 * attached and inline policies (documents included); the MFA and access key facts come from the
 * user's row of the credential report, read once for the account. No call per user.
 */
export const users = defineCollector({
  type: 'aws.iam.user',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'User'),
    items: (page) => page.UserDetailList,
  },
  enrich: {
    // a join on the account's credential report, not a call per user
    credentials: {
      permission: 'iam:GetCredentialReport',
      alsoCalls: ['iam:GenerateCredentialReport'],
      facts: ['mfa_active', 'access_keys'],
      call: async (client, u, ctx) => {
        const row = (await reportRowsByArn(client, ctx)).get(u.Arn ?? '');
        if (row) return row;
        // IAM serves a report up to four hours old: a newer user is not in it yet
        throw Object.assign(
          new Error(`no row for ${u.Arn} in the credential report (a user newer than the report)`),
          {
            name: 'NotInCredentialReport',
          },
        );
      },
    },
  },
});

export const groups = defineCollector({
  type: 'aws.iam.group',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'Group'),
    items: (page) => page.GroupDetailList,
  },
});

export const roles = defineCollector({
  type: 'aws.iam.role',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'Role'),
    items: (page) => page.RoleDetailList,
  },
});

/** IAM returns policy documents URL-encoded (RFC 3986); decode and parse, or say why not. */
export function policyDocument(encoded: string | undefined): unknown {
  if (encoded === undefined) return null;
  try {
    return JSON.parse(decodeURIComponent(encoded));
  } catch (e) {
    return { __error: `PolicyDocument: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function defaultVersion(p: ManagedPolicyDetail) {
  return p.PolicyVersionList?.find((v) => v.IsDefaultVersion);
}

export const customerPolicies = defineCollector({
  type: 'aws.iam.policy',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'LocalManagedPolicy'),
    items: (page) => page.Policies,
  },
  // the versions come with the listing: no per-policy GetPolicyVersion call
  derive: {
    defaultVersion: (p) => defaultVersion(p) ?? null,
    defaultDocument: (p) => policyDocument(defaultVersion(p)?.Document),
  },
});

export const supportAccess = defineCollector({
  type: 'aws.iam.support_access',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:ListEntitiesForPolicy',
    single: async (client, ctx) => {
      const PolicyArn = `arn:${ctx.partition}:iam::aws:policy/AWSSupportAccess`;
      const out = {
        PolicyArn,
        PolicyGroups: [] as unknown[],
        PolicyUsers: [] as unknown[],
        PolicyRoles: [] as unknown[],
      };
      for await (const page of paginateListEntitiesForPolicy({ client }, { PolicyArn })) {
        out.PolicyGroups.push(...(page.PolicyGroups ?? []));
        out.PolicyUsers.push(...(page.PolicyUsers ?? []));
        out.PolicyRoles.push(...(page.PolicyRoles ?? []));
      }
      return out;
    },
  },
});

export const serverCertificates = defineCollector({
  type: 'aws.iam.server_certificate',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:ListServerCertificates',
    paginate: (client) => paginateListServerCertificates({ client }, {}),
    items: (page) => page.ServerCertificateMetadataList,
  },
});

export const virtualMfaDevices = defineCollector({
  type: 'aws.iam.virtual_mfa_device',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  list: {
    permission: 'iam:ListVirtualMFADevices',
    paginate: (client) => paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Any' }),
    items: (page) => page.VirtualMFADevices,
  },
});
