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
    "The project's audit configuration does not log ADMIN_READ, DATA_READ and DATA_WRITE for allServices, or exempts members from it.",
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
    const types = Array.isArray(all?.log_types) ? (all.log_types as string[]) : [];
    const missing = REQUIRED.filter((t) => !types.includes(t));
    if (missing.length > 0) {
      return fail(`project ${policy.com.account} does not log ${missing.join(', ')} for all services`, {
        evidence: { all_services_log_types: types },
      });
    }
    if (exempted.length > 0) {
      return fail(`project ${policy.com.account} exempts ${exempted.join(', ')} from audit logging`, {
        evidence: { exempted_members: exempted },
      });
    }
    return pass('every service logs admin reads, data reads and data writes');
  },
});
