import { BUCKET, defineS3SettingAction, type S3Setting } from './s3-setting.js';

const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** Block Public Access all on, through the calls of `service` (s3 for a bucket, s3control for the account). */
export function blockAllPublicAccess(service: 's3' | 's3control', why: string): S3Setting {
  return {
    get: `${service}:GetPublicAccessBlock`,
    put: `${service}:PutPublicAccessBlock`,
    delete: `${service}:DeletePublicAccessBlock`,
    absent: ['NoSuchPublicAccessBlockConfiguration'],
    field: 'PublicAccessBlockConfiguration',
    wanted: ALL_ON,
    why,
    isOn: (c) => c !== null && Object.keys(ALL_ON).every((k) => c[k] === true),
    already: 'already blocks public access',
  };
}

export default defineS3SettingAction(
  BUCKET,
  blockAllPublicAccess('s3', 'all four Block Public Access settings on'),
  {
    id: 'aws.s3.block_bucket_public_access',
    title: 'Turn on S3 Block Public Access for a bucket',
    fixes: [
      'aws.s3.public_access_blocked',
      'aws.s3.bucket_no_public_read_access',
      'aws.s3.bucket_no_public_write_access',
    ],
  },
);
