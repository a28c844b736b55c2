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
  paginateListAccessKeys,
  paginateListEntitiesForPolicy,
  paginateListMFADevices,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { defineCollector } from '../collector.js';
import { parseCredentialReport } from '../credential-report.js';
import { type AwsErrorMatch, isAwsError } from '../errors.js';
import { allPages } from './pages.js';

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

export const credentialReport = defineCollector({
  type: 'aws.iam.credential_report',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  list: {
    action: 'iam:GetCredentialReport',
    all: async (client) => {
      const { rows, problems } = parseCredentialReport(await credentialReportText(client));
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
  actions: ['iam:GetAccountPasswordPolicy'],
  list: {
    action: 'iam:GetAccountPasswordPolicy',
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
  actions: ['iam:GetAccountSummary'],
  list: {
    action: 'iam:GetAccountSummary',
    single: async (client) => (await client.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {},
  },
});

/** One GetAccountAuthorizationDetails listing gives users, groups, roles and policies with their documents. */
const authDetails = (client: IAMClient, filter: 'User' | 'Group' | 'Role' | 'LocalManagedPolicy') =>
  paginateGetAccountAuthorizationDetails({ client, pageSize: 1000 }, { Filter: [filter] });

export const users = defineCollector({
  type: 'aws.iam.user',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  actions: ['iam:GetAccountAuthorizationDetails', 'iam:ListMFADevices', 'iam:ListAccessKeys'],
  list: {
    action: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'User'),
    items: (page) => page.UserDetailList,
  },
  enrich: {
    mfaDevices: {
      action: 'iam:ListMFADevices',
      call: (client, u) =>
        allPages(paginateListMFADevices({ client }, { UserName: u.UserName }), (p) => p.MFADevices),
    },
    accessKeys: {
      action: 'iam:ListAccessKeys',
      call: (client, u) =>
        allPages(paginateListAccessKeys({ client }, { UserName: u.UserName }), (p) => p.AccessKeyMetadata),
    },
  },
});

export const groups = defineCollector({
  type: 'aws.iam.group',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  actions: ['iam:GetAccountAuthorizationDetails'],
  list: {
    action: 'iam:GetAccountAuthorizationDetails',
    paginate: (client) => authDetails(client, 'Group'),
    items: (page) => page.GroupDetailList,
  },
});

export const roles = defineCollector({
  type: 'aws.iam.role',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  actions: ['iam:GetAccountAuthorizationDetails'],
  list: {
    action: 'iam:GetAccountAuthorizationDetails',
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
  actions: ['iam:GetAccountAuthorizationDetails'],
  list: {
    action: 'iam:GetAccountAuthorizationDetails',
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
  actions: ['iam:ListEntitiesForPolicy'],
  list: {
    action: 'iam:ListEntitiesForPolicy',
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
  actions: ['iam:ListServerCertificates'],
  list: {
    action: 'iam:ListServerCertificates',
    paginate: (client) => paginateListServerCertificates({ client }, {}),
    items: (page) => page.ServerCertificateMetadataList,
  },
});

export const virtualMfaDevices = defineCollector({
  type: 'aws.iam.virtual_mfa_device',
  service: 'iam',
  client: IAMClient,
  scope: 'global',
  actions: ['iam:ListVirtualMFADevices'],
  list: {
    action: 'iam:ListVirtualMFADevices',
    paginate: (client) => paginateListVirtualMFADevices({ client }, { AssignmentStatus: 'Any' }),
    items: (page) => page.VirtualMFADevices,
  },
});

export const IAM_COLLECTORS = [
  credentialReport,
  passwordPolicy,
  accountSummary,
  users,
  groups,
  roles,
  customerPolicies,
  supportAccess,
  serverCertificates,
  virtualMfaDevices,
];
