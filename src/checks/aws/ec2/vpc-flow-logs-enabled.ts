import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, extStr } from '../facts.js';

interface FlowLog {
  id: string | null;
  status: string | null;
  traffic_type: string | null;
}

export default defineCheck({
  id: 'aws.ec2.vpc_flow_logs_enabled',
  title: 'VPC flow logs record rejected traffic in every VPC',
  severity: 'medium',
  resource: 'aws.ec2.vpc',
  triggers: ['DeleteFlowLogs'],
  description: 'The VPC has no active flow log capturing rejected (or all) traffic.',
  risk: 'Without flow logs there is no record of connection attempts, scans or data leaving the network, which investigations and detections depend on.',
  remediation: {
    text: 'Create a flow log for the VPC with traffic type REJECT (or ALL) to CloudWatch Logs or S3.',
    cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>/vpc-flow-logs/',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
  evaluate(vpc) {
    const logs = extList<FlowLog>(vpc, 'flow_logs');
    if (logs === null)
      return error(`the flow logs could not be read: ${extStr(vpc, 'flow_logs_error') ?? 'unknown'}`);
    const good = logs.find(
      (l) => l.status === 'ACTIVE' && (l.traffic_type === 'ALL' || l.traffic_type === 'REJECT'),
    );
    if (good) return pass(`flow log ${good.id} records ${good.traffic_type} traffic`);
    return fail(
      logs.length === 0
        ? `${vpc.com.name} has no flow log`
        : `${vpc.com.name} has no active flow log of rejected traffic`,
    );
  },
});
