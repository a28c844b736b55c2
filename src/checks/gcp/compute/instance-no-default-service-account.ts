import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { gkeNodeExcluded, INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_no_default_service_account',
  title: 'Instances do not run as the Compute Engine default service account',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'The instance runs as PROJECT_NUMBER-compute@developer.gserviceaccount.com, the account Compute Engine creates in every project.',
  risk: 'The default service account is shared by every instance that keeps it and often holds the Editor role on the project: one compromised instance then acts on the whole project.',
  remediation: {
    text: 'Create a service account for the workload with only the roles it needs and attach it to the instance (the instance must be stopped).',
    cli: 'gcloud compute instances set-service-account <instance> --zone <zone> --service-account <sa>@<project>.iam.gserviceaccount.com --scopes cloud-platform',
  },
  references: ['https://cloud.google.com/compute/docs/access/service-accounts#default_service_account'],
  evaluate: (r) => {
    const gke = gkeNodeExcluded(r);
    if (gke) return gke;
    if (typeof r.ext.default_service_account !== 'boolean')
      return error('the service accounts could not be read');
    const accounts = (r.ext.service_accounts as string[] | undefined) ?? [];
    if (r.ext.default_service_account) {
      return fail(`instance ${r.com.name} runs as the default service account ${accounts.join(', ')}`, {
        evidence: { service_accounts: accounts },
      });
    }
    return pass(accounts.length ? `runs as ${accounts.join(', ')}` : 'runs without a service account');
  },
});
