import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.subnet_flow_logs_enabled',
  title: 'Subnets record VPC flow logs of every flow with all metadata',
  severity: 'low',
  resource: 'gcp.compute.subnetwork',
  triggers: ['v1.compute.subnetworks.insert', 'v1.compute.subnetworks.patch'],
  description:
    'VPC flow logs are off for the subnet, or they sample, filter or drop metadata (CIS asks for a 5-second interval, a sampling rate of 1, all metadata and no filter).',
  risk: 'Without complete flow logs, traffic of an intrusion or exfiltration cannot be traced afterwards, and network anomalies go unnoticed.',
  remediation: {
    text: 'Turn flow logs on for the subnet with a 5-second aggregation interval, sampling 1.0 and all metadata.',
    cli: 'gcloud compute networks subnets update <subnet> --region <region> --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1 --logging-metadata=include-all',
  },
  references: ['https://cloud.google.com/vpc/docs/using-flow-logs'],
  evaluate: (r) => {
    const purpose = r.ext.purpose;
    if (typeof purpose === 'string' && purpose !== 'PRIVATE' && purpose !== 'PRIVATE_RFC_1918') {
      return notApplicable(`a ${purpose} subnet carries no VM traffic to log`);
    }
    if (typeof r.ext.flow_logs !== 'boolean') return error('the flow log settings could not be read');
    if (!r.ext.flow_logs) return fail(`subnet ${r.com.name} (${r.com.region}) does not record flow logs`);
    const gaps = [
      r.ext.flow_log_interval === 'INTERVAL_5_SEC' ? null : `aggregation ${String(r.ext.flow_log_interval)}`,
      r.ext.flow_log_sampling === 1 ? null : `sampling ${String(r.ext.flow_log_sampling)}`,
      r.ext.flow_log_metadata === 'INCLUDE_ALL_METADATA'
        ? null
        : `metadata ${String(r.ext.flow_log_metadata)}`,
      r.ext.flow_log_filter ? `filter "${String(r.ext.flow_log_filter)}"` : null,
    ].filter((g): g is string => g !== null);
    if (gaps.length === 0) return pass('flow logs record every flow with all metadata');
    return fail(`subnet ${r.com.name} (${r.com.region}) logs flows incompletely: ${gaps.join(', ')}`, {
      evidence: {
        aggregation_interval: r.ext.flow_log_interval,
        flow_sampling: r.ext.flow_log_sampling,
        metadata: r.ext.flow_log_metadata,
        filter: r.ext.flow_log_filter ?? null,
      },
    });
  },
});
