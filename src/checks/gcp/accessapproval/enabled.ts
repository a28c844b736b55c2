import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

const SETTINGS = 'gcp.accessapproval.settings';

export default defineCheck({
  id: 'gcp.accessapproval.enabled',
  title: 'Access Approval is enabled',
  severity: 'low',
  scope: 'account',
  uses: [SETTINGS],
  triggers: ['google.cloud.accessapproval.v1.AccessApproval.UpdateAccessApprovalSettings'],
  description:
    'Access Approval is not set up for the project: Google personnel may access its content under Access Transparency without asking first.',
  risk: 'Without it, support and engineering access to customer content is only logged, never approved by you beforehand.',
  remediation: {
    text: 'Enable the Access Approval API and enrol the project’s services (or all of them), with an approver address.',
    cli: 'gcloud access-approval settings update --project=<project> --enrolled_services=all --notification_emails=<address>',
  },
  references: ['https://cloud.google.com/assured-workloads/access-approval/docs/overview'],
  evaluate(ctx) {
    const [s] = ctx.resources(SETTINGS);
    if (!s) return fail(`Access Approval is not set up for project ${ctx.account}`);
    const services = Array.isArray(s.ext.enrolled_services) ? (s.ext.enrolled_services as string[]) : [];
    if (s.ext.configured !== true) return fail(`Access Approval is not set up for project ${s.com.account}`);
    if (services.length === 0 && s.ext.enrolled_ancestor !== true)
      return fail(`Access Approval of project ${s.com.account} enrols no service`);
    return pass(services.length ? `enrolled: ${services.join(', ')}` : 'enrolled through an ancestor');
  },
});
