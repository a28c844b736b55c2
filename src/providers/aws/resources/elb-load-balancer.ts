import { AccessPointNotFoundException } from '@aws-sdk/client-elastic-load-balancing';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { classicLoadBalancers } from '../collectors/storage-network.js';
import normaliser from '../normalisers/elb-load-balancer.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: classicLoadBalancers,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'LoadBalancerName'),
    narrow: {
      DescribeLoadBalancersCommand: (input, id) => {
        if (id.startsWith('arn:')) return false;
        input.LoadBalancerNames = [id];
        delete input.PageSize;
        return true;
      },
    },
    // classic ELB's AccessPointNotFoundException goes on the wire as LoadBalancerNotFound
    absentOn: [AccessPointNotFoundException, 'LoadBalancerNotFound'],
  },
  changedBy: {
    events: eventsAt(
      [
        'CreateLoadBalancer',
        'DeleteLoadBalancer',
        'CreateLoadBalancerListeners',
        'DeleteLoadBalancerListeners',
        'ModifyLoadBalancerAttributes',
        'SetLoadBalancerPoliciesOfListener',
      ],
      ['requestParameters.loadBalancerName'],
    ),
  },
});
