import { eventsAt, itemIds } from '../../kit/resource.js';
import { securityGroups } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-security-group.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: securityGroups,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'GroupId', 'GroupName'),
    narrow: {
      DescribeSecurityGroupsCommand: (input, id) => {
        if (!id.startsWith('sg-')) return false;
        input.GroupIds = [id];
        delete input.MaxResults; // not allowed together with GroupIds
        return true;
      },
    },
    // EC2 models none of its errors: its codes only
    absentOn: ['InvalidGroup.NotFound'],
  },
  changedBy: {
    events: {
      ...eventsAt(
        [
          'AuthorizeSecurityGroupIngress',
          'AuthorizeSecurityGroupEgress',
          'RevokeSecurityGroupIngress',
          'RevokeSecurityGroupEgress',
          'UpdateSecurityGroupRuleDescriptionsIngress',
          'UpdateSecurityGroupRuleDescriptionsEgress',
          'DeleteSecurityGroup',
        ],
        ['requestParameters.groupId', 'requestParameters.groupName'],
      ),
      ModifySecurityGroupRules: ['requestParameters.ModifySecurityGroupRulesRequest.GroupId'],
      CreateSecurityGroup: ['responseElements.groupId'],
    },
  },
  asff: {
    'aws.ec2.security_group': 'AwsEc2SecurityGroup',
    'aws.ec2.security_group_rule': 'AwsEc2SecurityGroup',
  },
});
