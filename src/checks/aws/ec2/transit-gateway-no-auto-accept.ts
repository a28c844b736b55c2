import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.transit_gateway_no_auto_accept',
  title: 'Transit gateways do not accept shared VPC attachments automatically',
  severity: 'high',
  resource: 'aws.ec2.transit_gateway',
  triggers: ['ModifyTransitGateway', 'CreateTransitGateway'],
  description:
    'The transit gateway accepts attachment requests from the accounts it is shared with without review.',
  risk: 'Any account the gateway is shared with can connect its VPC to the routed network without an owner approving it.',
  remediation: {
    text: 'Turn off auto accept shared attachments and accept each attachment request after review.',
    cli: 'aws ec2 modify-transit-gateway --transit-gateway-id <tgw-id> --options AutoAcceptSharedAttachments=disable',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html'],
  evaluate(tgw) {
    if (extStr(tgw, 'state') === 'deleted') return notApplicable('the transit gateway is deleted');
    const auto = extBool(tgw, 'auto_accept_shared_attachments');
    if (auto === null) return error('the transit gateway options could not be read');
    return auto
      ? fail(`${tgw.com.name} accepts shared VPC attachments automatically`)
      : pass('shared attachments need to be accepted');
  },
});
