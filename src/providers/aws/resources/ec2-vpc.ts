import { itemIds } from '../../kit/resource.js';
import { vpcs } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-vpc.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: vpcs,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'VpcId'),
    narrow: {
      DescribeVpcsCommand: (input, id) => {
        input.VpcIds = [id];
        delete input.MaxResults;
        return true;
      },
    },
    absentOn: ['InvalidVpcID.NotFound'],
  },
  changedBy: {
    events: {
      CreateVpc: ['responseElements.vpc.vpcId'],
      DeleteVpc: ['requestParameters.vpcId'],
      CreateFlowLogs: [
        'requestParameters.CreateFlowLogsRequest.ResourceId.content',
        'requestParameters.CreateFlowLogsRequest.ResourceId',
      ],
    },
  },
  asff: 'AwsEc2Vpc',
});
