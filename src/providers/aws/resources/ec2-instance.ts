import { itemIds } from '../../kit/resource.js';
import { instances } from '../collectors/ec2.js';
import normaliser from '../normalisers/ec2-instance.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: instances,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'InstanceId'),
    narrow: {
      DescribeInstancesCommand: (input, id) => {
        input.InstanceIds = [id];
        delete input.MaxResults;
        return true;
      },
    },
    absentOn: ['InvalidInstanceID.NotFound'],
  },
  changedBy: {
    events: {
      RunInstances: ['responseElements.instancesSet.items[].instanceId'],
      TerminateInstances: ['requestParameters.instancesSet.items[].instanceId'],
      ModifyInstanceAttribute: ['requestParameters.instanceId'],
      ModifyInstanceMetadataOptions: ['requestParameters.ModifyInstanceMetadataOptionsRequest.InstanceId'],
      AssociateIamInstanceProfile: ['requestParameters.AssociateIamInstanceProfileRequest.InstanceId'],
      ReplaceIamInstanceProfileAssociation: [
        'responseElements.ReplaceIamInstanceProfileAssociationResponse.iamInstanceProfileAssociation.instanceId',
      ],
      DisassociateIamInstanceProfile: [
        'responseElements.DisassociateIamInstanceProfileResponse.iamInstanceProfileAssociation.instanceId',
      ],
    },
  },
  asff: 'AwsEc2Instance',
});
