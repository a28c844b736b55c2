import { defineCheck } from '../../../core/check.js';
import { BINDING, dutiesSeparated, IAM_TRIGGERS, PROJECT_POLICY } from './bindings.js';

export default defineCheck({
  id: 'gcp.iam.service_account_duties_separated',
  title: 'No one both administers service accounts and acts as them',
  severity: 'medium',
  scope: 'account',
  uses: [BINDING, PROJECT_POLICY],
  triggers: IAM_TRIGGERS,
  description:
    'A member of the project holds Service Account Admin and Service Account User together: it can create a service account, grant it roles, and use it.',
  risk: 'Combined, the two roles let one person give a service account any access and then act with it, with no second pair of eyes.',
  remediation: {
    text: 'Give the two roles to different people or groups; remove one of them from the member.',
    cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=roles/iam.serviceAccountUser',
  },
  references: ['https://cloud.google.com/iam/docs/service-account-permissions'],
  evaluate: (ctx) =>
    dutiesSeparated(
      ctx,
      ['roles/iam.serviceAccountAdmin'],
      ['roles/iam.serviceAccountUser'],
      'service account administration and use are not separated',
    ),
});
