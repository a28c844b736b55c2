import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_default_sa_no_full_api_access',
  title: 'Instances do not run as the default service account with full API access',
  severity: 'high',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'The instance runs as the Compute Engine default service account with the cloud-platform scope ("Allow full access to all Cloud APIs").',
  risk: "With the full scope nothing narrows the default account's roles (often Editor): anyone on the instance can use every API the project allows.",
  remediation: {
    text: 'Attach a dedicated service account with least-privilege roles, or at least give the default account only the scopes the workload needs.',
    cli: 'gcloud compute instances set-service-account <instance> --zone <zone> --service-account <sa>@<project>.iam.gserviceaccount.com --scopes cloud-platform',
  },
  references: ['https://cloud.google.com/compute/docs/access/service-accounts#accesscopesiam'],
  evaluate: (r) => {
    if (typeof r.ext.default_service_account_full_access !== 'boolean')
      return error('the service accounts and their scopes could not be read');
    if (r.ext.default_service_account_full_access) {
      return fail(
        `instance ${r.com.name} runs as the default service account with the cloud-platform scope`,
        {
          evidence: { service_accounts: r.ext.service_accounts ?? [] },
        },
      );
    }
    return pass('the default service account, if used, has limited scopes');
  },
});
