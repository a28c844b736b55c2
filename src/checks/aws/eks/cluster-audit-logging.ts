import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.eks.cluster_audit_logging',
  title: 'EKS clusters send Kubernetes audit logs to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.eks.cluster',
  triggers: [],
  description: 'The audit log type of the control plane logging is not enabled for the cluster.',
  risk: 'Who did what through the Kubernetes API (secrets read, pods exec-ed into, roles bound) is not recorded.',
  remediation: {
    text: 'Enable the audit log type (and the authenticator log) of control plane logging.',
    cli: 'aws eks update-cluster-config --name <cluster> --logging \'{"clusterLogging":[{"types":["audit","authenticator"],"enabled":true}]}\'',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
  evaluate(cluster) {
    const types = extList<string>(cluster, 'enabled_log_types');
    if (types === null) return error(`the cluster could not be read${whyUnknown(cluster, 'cluster')}`);
    return types.includes('audit')
      ? pass(`logs ${types.join(', ')}`)
      : fail(`${cluster.com.name} does not log audit events (logs: ${types.join(', ') || 'none'})`);
  },
});
