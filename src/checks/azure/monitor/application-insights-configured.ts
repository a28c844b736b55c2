import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

export const APPLICATION_INSIGHTS = 'azure.monitor.application_insights';

export default defineCheck({
  id: 'azure.monitor.application_insights_configured',
  title: 'Application Insights is set up',
  severity: 'low',
  scope: 'account',
  uses: [APPLICATION_INSIGHTS],
  clouds: ['azure'],
  triggers: ['Microsoft.Insights/components/write', 'Microsoft.Insights/components/delete'],
  description: 'The subscription has no Application Insights component.',
  risk: "The subscription's applications send no telemetry: failures, unusual requests and dependency calls that reveal an attack or an outage go unseen.",
  remediation: {
    text: 'Create a workspace-based Application Insights component for the applications of the subscription and connect them to it.',
    cli: 'az monitor app-insights component create --app <name> --resource-group <group> --location <region> --workspace <log analytics workspace id>',
  },
  references: ['https://learn.microsoft.com/azure/azure-monitor/app/create-workspace-resource'],
  evaluate(ctx) {
    const components = ctx.resources(APPLICATION_INSIGHTS);
    if (components.length === 0) return fail('Application Insights: no component in the subscription');
    return pass(`Application Insights: ${components.map((c) => c.com.name).join(', ')}`);
  },
});
