import { eventsAt, itemIds } from '../../kit/resource.js';
import { networkAcls } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-network-acl.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: networkAcls,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'NetworkAclId'),
    narrow: {
      DescribeNetworkAclsCommand: (input, id) => {
        input.NetworkAclIds = [id];
        delete input.MaxResults;
        return true;
      },
    },
    absentOn: ['InvalidNetworkAclID.NotFound'],
  },
  changedBy: {
    events: {
      ...eventsAt(
        ['CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAclEntry', 'DeleteNetworkAcl'],
        ['requestParameters.networkAclId'],
      ),
      CreateNetworkAcl: ['responseElements.networkAcl.networkAclId'],
    },
  },
});
