import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

const POLICY = 'gcp.resourcemanager.project_iam_policy';
const REQUIRED = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'];

export default defineCheck({
  id: 'gcp.logging.audit_logs_all_services',
  title: 'Data Access audit logs are on for every service, with no exempted members',
  severity: 'medium',
  scope: 'account',
  uses: [POLICY],
  triggers: ['SetIamPolicy'],
  description:
    "The project's audit configuration, with what it inherits from its folders and organisation, does not log ADMIN_READ, DATA_READ and DATA_WRITE for allServices, or exempts members from it.",
  risk: 'Without Data Access logs, reads and changes of data leave no trace to investigate; an exempted member is exactly the one whose actions go unseen.',
  remediation: {
    text: 'Add an audit config for allServices with the three log types and no exempted members (organisation-wide through the organisation policy).',
    cli: 'gcloud projects get-iam-policy <project> > policy.yaml  # add auditConfigs: [{service: allServices, auditLogConfigs: [{logType: ADMIN_READ}, {logType: DATA_READ}, {logType: DATA_WRITE}]}]\ngcloud projects set-iam-policy <project> policy.yaml',
  },
  references: ['https://cloud.google.com/logging/docs/audit/configure-data-access'],
  evaluate(ctx) {
    const [policy] = ctx.resources(POLICY);
    if (!policy) return error(`the IAM policy of project ${ctx.account} was not read`);
    const all = policy.ext.audit_all_services as { log_types?: unknown } | null | undefined;
    const exempted = policy.ext.audit_exempted_members;
    if (all === undefined || !Array.isArray(exempted))
      return error('the audit configuration could not be read');
    if (exempted.length > 0) {
      return fail(`project ${policy.com.account} exempts ${exempted.join(', ')} from audit logging`, {
        evidence: { exempted_members: exempted },
      });
    }
    const own = Array.isArray(all?.log_types) ? (all.log_types as string[]) : [];
    // Audit configs are inherited: the project logs what its folders and organisation turn on.
    const inherited = (policy.ext.inherited_audit_log_types as string[] | undefined) ?? [];
    const from = (policy.ext.inherited_from as string[] | undefined) ?? [];
    const missing = REQUIRED.filter((t) => !own.includes(t) && !inherited.includes(t));
    const inheritedError = policy.ext.inherited_error;
    if (missing.length > 0 && typeof inheritedError === 'string') {
      return error(
        `project ${policy.com.account} does not log ${missing.join(', ')} itself, and what it inherits could not be read: ${inheritedError}`,
      );
    }
    if (missing.length > 0) {
      return fail(`project ${policy.com.account} does not log ${missing.join(', ')} for all services`, {
        evidence: { all_services_log_types: own, inherited_log_types: inherited, inherited_from: from },
      });
    }
    const inheritedExempted = (policy.ext.inherited_exempted_members ?? []) as {
      member: string;
      set_on: string;
    }[];
    if (inheritedExempted.length > 0) {
      return fail(
        `project ${policy.com.account} inherits audit logging exemptions: ${inheritedExempted.map((e) => `${e.member} (on ${e.set_on})`).join(', ')}`,
        { evidence: { exempted_members: inheritedExempted } },
      );
    }
    const borrowed = REQUIRED.filter((t) => !own.includes(t));
    return pass(
      borrowed.length > 0
        ? `every service logs admin reads, data reads and data writes (${borrowed.join(', ')} inherited from ${from.join(', ')})`
        : 'every service logs admin reads, data reads and data writes',
    );
  },
});
