import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { BINDING, bindingEvidence, bindingOf, IAM_TRIGGERS } from './bindings.js';

/** Accounts Google creates and manages for its own services, which need their broad roles. */
const SERVICE_AGENT =
  /@cloudservices\.gserviceaccount\.com$|@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com$|@[a-z0-9-]+-system\.iam\.gserviceaccount\.com$|@container-engine-robot\.iam\.gserviceaccount\.com$/;

/** Owner, Editor, and every role named as an administrator's (roles/iam.securityAdmin, roles/compute.admin...). */
export function isAdminRole(role: string): boolean {
  return role === 'roles/owner' || role === 'roles/editor' || /admin$/i.test(role);
}

export default defineCheck({
  id: 'gcp.iam.service_account_not_admin',
  title: 'Service accounts hold no owner, editor or administrator role',
  severity: 'high',
  resource: BINDING,
  triggers: IAM_TRIGGERS,
  description:
    'A service account is granted Owner, Editor or an administrator role (a role whose name ends in Admin) in the IAM policy of a project or resource.',
  risk: 'Anyone or anything that can act as the service account (a workload, a leaked key, a user with Service Account User) inherits administrative control of the resource.',
  remediation: {
    text: 'Replace the binding with the predefined or custom roles the workload needs, or remove it.',
    cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=<role>',
  },
  references: [
    'https://cloud.google.com/iam/docs/service-account-overview',
    'https://cloud.google.com/iam/docs/understanding-roles',
  ],
  evaluate(r) {
    const b = bindingOf(r);
    if (!b) return error('the binding could not be read');
    if (b.member_kind !== 'serviceAccount') return notApplicable('not a service account');
    if (SERVICE_AGENT.test(b.member)) return notApplicable('a Google-managed service agent');
    if (!isAdminRole(b.role)) return pass(`${b.role} is not an administrator role`);
    return fail(
      `service account ${b.member.slice('serviceAccount:'.length)} holds ${b.role} on ${b.resource_kind} ${r.ext.resource_name}`,
      {
        evidence: bindingEvidence(b),
      },
    );
  },
});
