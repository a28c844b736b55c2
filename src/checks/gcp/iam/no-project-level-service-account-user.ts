import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { BINDING, bindingEvidence, bindingOf, IAM_TRIGGERS } from './bindings.js';

const IMPERSONATION_ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']);

export default defineCheck({
  id: 'gcp.iam.no_project_level_service_account_user',
  title: 'No one may act as every service account of a project',
  severity: 'high',
  resource: BINDING,
  triggers: IAM_TRIGGERS,
  description:
    'A member is granted Service Account User or Service Account Token Creator on the whole project, so it may act as, or mint tokens of, every service account in it.',
  risk: 'Acting as any service account of the project gives the member the union of their permissions, including those of the most privileged one.',
  remediation: {
    text: 'Remove the project-level binding and grant the role on the one service account the member needs to use.',
    cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=<role>\ngcloud iam service-accounts add-iam-policy-binding <service-account-email> --member=<member> --role=<role>',
  },
  references: ['https://cloud.google.com/iam/docs/service-account-permissions'],
  evaluate(r) {
    const b = bindingOf(r);
    if (!b) return error('the binding could not be read');
    if (b.resource_kind !== 'project') return notApplicable('not a project-level binding');
    if (!IMPERSONATION_ROLES.has(b.role)) return pass(`${b.role} does not act as service accounts`);
    return fail(`${b.member} holds ${b.role} on the whole project ${r.com.account}`, {
      evidence: bindingEvidence(b),
    });
  },
});
