import { defineCheck } from '../../../core/check.js';
import { BINDING, dutiesSeparated, IAM_TRIGGERS, PROJECT_POLICY } from '../iam/bindings.js';

export default defineCheck({
  id: 'gcp.cloudkms.key_duties_separated',
  title: 'No one both administers KMS keys and uses them to encrypt or decrypt',
  severity: 'medium',
  scope: 'account',
  uses: [BINDING, PROJECT_POLICY],
  triggers: IAM_TRIGGERS,
  description:
    'A member of the project holds Cloud KMS Admin together with a role that encrypts or decrypts with the keys (CryptoKey Encrypter, Decrypter or Encrypter/Decrypter).',
  risk: 'One person who can both manage and use keys can grant themselves access to any data the keys protect, unseen by a second administrator.',
  remediation: {
    text: 'Give key administration and key use to different people or groups; remove one of the roles from the member.',
    cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=roles/cloudkms.admin',
  },
  references: ['https://cloud.google.com/kms/docs/separation-of-duties'],
  evaluate: (ctx) =>
    dutiesSeparated(
      ctx,
      ['roles/cloudkms.admin'],
      [
        'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        'roles/cloudkms.cryptoKeyEncrypter',
        'roles/cloudkms.cryptoKeyDecrypter',
      ],
      'key administration and key use are not separated',
    ),
});
