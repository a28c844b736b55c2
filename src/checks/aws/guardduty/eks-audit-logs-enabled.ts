import { protectionPlanCheck } from './protection-plan.js';

export default protectionPlanCheck({
  id: 'eks_audit_logs_enabled',
  plan: 'EKS Audit Log Monitoring',
  feature: 'EKS_AUDIT_LOGS',
  severity: 'high',
  risk: 'Suspicious Kubernetes API activity in EKS clusters (anonymous access, privilege escalation, credential theft) is not detected.',
  fix: '[{"Name":"EKS_AUDIT_LOGS","Status":"ENABLED"}]',
  reference: 'https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html',
});
