import { LoadBalancerNotFoundException } from '@aws-sdk/client-elastic-load-balancing-v2';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { loadBalancers } from '../collectors/storage-network.js';
import normaliser from '../normalisers/elbv2-load-balancer.js';
import { defineAwsResource } from '../resource.js';

/** An ELBv2 listener ARN names its load balancer: listener/app/name/lb-id/listener-id -> loadbalancer/app/name/lb-id. */
export function loadBalancerArnOf(arn: string): string | undefined {
  const m =
    /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)(?:listener|loadbalancer)\/(app|net|gwy)\/([^/]+)\/([^/]+)/.exec(
      arn,
    );
  return m ? `${m[1]}loadbalancer/${m[2]}/${m[3]}/${m[4]}` : undefined;
}

export default defineAwsResource({
  collector: loadBalancers,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'LoadBalancerArn'),
    narrow: {
      DescribeLoadBalancersCommand: (input, id) => {
        if (!id.startsWith('arn:')) return false;
        input.LoadBalancerArns = [id];
        delete input.PageSize;
        return true;
      },
    },
    absentOn: [LoadBalancerNotFoundException, 'LoadBalancerNotFound'],
  },
  changedBy: {
    events: {
      ...eventsAt(
        ['ModifyLoadBalancerAttributes', 'DeleteLoadBalancer', 'CreateListener', 'SetSecurityGroups'],
        ['requestParameters.loadBalancerArn'],
      ),
      ...eventsAt(['ModifyListener', 'DeleteListener'], ['requestParameters.listenerArn']),
      CreateLoadBalancer: ['responseElements.loadBalancers[].loadBalancerArn'],
    },
    normalise: loadBalancerArnOf,
  },
  asff: 'AwsElbv2LoadBalancer',
});
