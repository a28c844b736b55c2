import { FileSystemNotFound } from '@aws-sdk/client-efs';
import { itemIds } from '../../kit/resource.js';
import { fileSystems } from '../collectors/storage-network.js';
import normaliser from '../normalisers/efs-file-system.js';
import { defineAwsResource } from '../resource.js';

export default defineAwsResource({
  collector: fileSystems,
  normaliser,
  getOne: {
    ids: (raw) => itemIds(raw, 'FileSystemId', 'FileSystemArn'),
    narrow: {
      DescribeFileSystemsCommand: (input, id) => {
        input.FileSystemId = id;
        return true;
      },
    },
    absentOn: [FileSystemNotFound],
  },
  changedBy: {
    events: {
      CreateFileSystem: ['responseElements.fileSystemId'],
      DeleteFileSystem: ['requestParameters.fileSystemId'],
    },
  },
});
