import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.eks.cluster_endpoint_not_public',
  title: 'EKS cluster API endpoints are not reachable from the internet',
  severity: 'high',
  resource: 'aws.eks.cluster',
  triggers: [],
  description: "The cluster's Kubernetes API server endpoint is publicly accessible.",
  risk: 'The API server is one credential leak or one authentication flaw away from anyone on the internet.',
  remediation: {
    text: 'Turn on private endpoint access and turn off public access (reach the API through the VPC, a VPN or a bastion); if public access must stay, limit it to known CIDR ranges.',
    cli: 'aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
  evaluate(cluster) {
    const open = extBool(cluster, 'endpoint_public_access');
    if (open === null) return error(`the cluster could not be read${whyUnknown(cluster, 'cluster')}`);
    if (!open) return pass('the API endpoint is private');
    const cidrs = extList<string>(cluster, 'public_access_cidrs') ?? [];
    return fail(`${cluster.com.name} has a public API endpoint (from ${cidrs.join(', ') || 'anywhere'})`, {
      evidence: { public_access_cidrs: cidrs },
    });
  },
});
