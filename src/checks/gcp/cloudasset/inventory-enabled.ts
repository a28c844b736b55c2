import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

const SERVICE = 'gcp.serviceusage.service';
const CLOUD_ASSET = 'cloudasset.googleapis.com';

export default defineCheck({
  id: 'gcp.cloudasset.inventory_enabled',
  title: 'The Cloud Asset Inventory API is enabled',
  severity: 'low',
  scope: 'account',
  uses: [SERVICE],
  triggers: [
    'google.api.serviceusage.v1.ServiceUsage.EnableService',
    'google.api.serviceusage.v1.ServiceUsage.DisableService',
  ],
  description:
    'The Cloud Asset Inventory API is not enabled in the project, so its resources and IAM policies have no queryable history.',
  risk: 'Without the asset inventory, finding what existed and who had access at a past moment (an incident, an audit) is guesswork.',
  remediation: {
    text: 'Enable the Cloud Asset Inventory API in the project.',
    cli: 'gcloud services enable cloudasset.googleapis.com --project <project>',
  },
  references: ['https://cloud.google.com/asset-inventory/docs/overview'],
  evaluate(ctx) {
    const enabled = ctx
      .resources(SERVICE)
      .some((s) => s.com.name === CLOUD_ASSET && s.ext.state === 'ENABLED');
    return enabled
      ? pass(`${CLOUD_ASSET} is enabled`)
      : fail(`${CLOUD_ASSET} is not enabled in project ${ctx.account}`);
  },
});
