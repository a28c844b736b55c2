import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ecs.cluster_container_insights',
  title: 'ECS clusters use Container Insights',
  severity: 'medium',
  resource: 'aws.ecs.cluster',
  triggers: [],
  description: 'CloudWatch Container Insights is not turned on for the cluster.',
  risk: 'Without per-task and per-service metrics, resource exhaustion, crash loops and unusual activity in the cluster go unseen.',
  remediation: {
    text: 'Turn on Container Insights (enabled, or enhanced observability) for the cluster.',
    cli: 'aws ecs update-cluster-settings --cluster <cluster> --settings name=containerInsights,value=enabled',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html'],
  evaluate(cluster) {
    const value = extStr(cluster, 'container_insights');
    if (value === null) return error('the cluster settings are missing from the answer');
    if (value === 'enabled' || value === 'enhanced') return pass(`Container Insights ${value}`);
    return fail(`${cluster.com.name} has Container Insights ${value}`);
  },
});
