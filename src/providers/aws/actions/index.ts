import type { AwsAction } from '../action.js';
import cloudtrailRestartLogging from './cloudtrail-restart-logging.js';
import ec2EbsEncryptionByDefault from './ec2-ebs-encryption-by-default.js';
import ec2QuarantineInstance from './ec2-quarantine-instance.js';
import ec2RevokeWorldIngress from './ec2-revoke-world-ingress.js';
import guarddutyEnable from './guardduty-enable.js';
import iamDeactivateAccessKey from './iam-deactivate-access-key.js';
import s3AccountPublicAccessBlock from './s3-account-public-access-block.js';
import s3BucketDefaultEncryption from './s3-bucket-default-encryption.js';
import s3BucketPublicAccessBlock from './s3-bucket-public-access-block.js';

/** Every AWS remediation action, one module each. */
export const AWS_ACTIONS: readonly AwsAction[] = [
  ec2RevokeWorldIngress,
  s3BucketPublicAccessBlock,
  s3AccountPublicAccessBlock,
  s3BucketDefaultEncryption,
  iamDeactivateAccessKey,
  cloudtrailRestartLogging,
  ec2EbsEncryptionByDefault,
  guarddutyEnable,
  ec2QuarantineInstance,
];
