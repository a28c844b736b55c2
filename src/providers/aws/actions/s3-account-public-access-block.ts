import { blockAllPublicAccess } from './s3-bucket-public-access-block.js';
import { ACCOUNT, defineS3SettingAction } from './s3-setting.js';

export default defineS3SettingAction(
  ACCOUNT,
  blockAllPublicAccess(
    's3control',
    'all four Block Public Access settings on, for every bucket of the account',
  ),
  {
    id: 'aws.s3.block_account_public_access',
    title: 'Turn on S3 Block Public Access for the whole account',
    fixes: ['aws.s3.account_public_access_blocked'],
  },
);
