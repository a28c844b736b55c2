import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

const parse = (v: string): [number, number] | null => {
  const m = /^(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : null;
};

export default defineCheck({
  id: 'aws.eks.cluster_supported_version',
  title: 'EKS clusters run a supported Kubernetes version',
  severity: 'high',
  resource: 'aws.eks.cluster',
  triggers: [],
  description:
    'The cluster runs a Kubernetes version older than the oldest version Amazon EKS supports (a parameter: set it from the EKS release calendar).',
  risk: 'Unsupported versions get no security patches; EKS eventually upgrades them on its own schedule, which can break workloads.',
  remediation: {
    text: 'Upgrade the control plane one minor version at a time to a supported version, then the node groups and add-ons.',
    cli: 'aws eks update-cluster-version --name <cluster> --kubernetes-version <next-version>',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html'],
  params: z.object({
    oldest_supported_version: z
      .string()
      .regex(/^\d+\.\d+$/)
      .default('1.32'),
  }),
  evaluate(cluster, { oldest_supported_version }) {
    const version = extStr(cluster, 'version');
    if (version === null)
      return error(`the cluster version could not be read${whyUnknown(cluster, 'cluster')}`);
    const have = parse(version);
    const oldest = parse(oldest_supported_version);
    if (!have || !oldest) return error(`unrecognised Kubernetes version ${version}`);
    const older = have[0] < oldest[0] || (have[0] === oldest[0] && have[1] < oldest[1]);
    return older
      ? fail(`${cluster.com.name} runs Kubernetes ${version}, older than ${oldest_supported_version}`, {
          evidence: { version, oldest_supported_version },
        })
      : pass(`Kubernetes ${version}`);
  },
});
