import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.eks.cluster_secrets_encrypted',
  title: 'EKS clusters encrypt Kubernetes secrets with a KMS key',
  severity: 'medium',
  resource: 'aws.eks.cluster',
  triggers: [],
  description: 'Envelope encryption of Kubernetes secrets with a KMS key is not configured for the cluster.',
  risk: 'Secrets in etcd are protected only by the default storage encryption; anyone who reads etcd or its backups reads them.',
  remediation: {
    text: 'Associate a KMS key with the cluster for the secrets resource (this cannot be undone).',
    cli: 'aws eks associate-encryption-config --cluster-name <cluster> --encryption-config \'[{"resources":["secrets"],"provider":{"keyArn":"<key-arn>"}}]\'',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html'],
  evaluate(cluster) {
    const on = extBool(cluster, 'secrets_encrypted');
    if (on === null) return error(`the cluster could not be read${whyUnknown(cluster, 'cluster')}`);
    return on
      ? pass('secrets are encrypted with a KMS key')
      : fail(`${cluster.com.name} does not encrypt secrets with a KMS key`);
  },
});
