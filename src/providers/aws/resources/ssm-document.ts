import {
  DescribeDocumentPermissionCommand,
  InvalidDocument,
  paginateListDocuments,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  requireItem,
  requireString,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ssm.document';

/**
 * The account's own Systems Manager documents (ListDocuments, Owner Self; AWS's and shared ones
 * are not the account's to fix), each with whom it is shared (DescribeDocumentPermission):
 * SSM has no bulk read of document permissions.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ssm',
  client: SSMClient,
  scope: 'region',
  list: {
    permission: 'ssm:ListDocuments',
    paginate: (client) =>
      paginateListDocuments({ client, pageSize: 50 }, { Filters: [{ Key: 'Owner', Values: ['Self'] }] }),
    items: (page) => page.DocumentIdentifiers,
  },
  enrich: {
    sharing: {
      permission: 'ssm:DescribeDocumentPermission',
      facts: ['public', 'shared_with'],
      absentOn: [InvalidDocument],
      call: (client, d) =>
        client.send(new DescribeDocumentPermissionCommand({ Name: d.Name, PermissionType: 'Share' })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'Name') },
});

const RAW = S.raw({
  item: S.obj({ Name: S.str, Owner: S.str, DocumentType: S.str, DocumentVersion: S.str }),
  sharing: S.answer({ AccountIds: S.strs }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ssm',
  produces: [TYPE, 'automation_document'],
  raw: RAW,
  normalise(raw, scope) {
    const d = requireItem(raw, TYPE);
    const name = requireString(d, 'Name', TYPE, 'item.Name');
    const sharing = enrichment(raw, 'sharing');
    const accounts =
      sharing.state === 'value' ? strings(sharing.value.AccountIds) : sharing.state === 'absent' ? [] : null;
    const unknown = unknownReasons({ sharing });
    if (sharing.state === 'absent') unknown.sharing = 'the document was deleted while it was being read';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'automation_document',
        reference: awsArn('ssm', scope.region, scope.account, `document/${name}`, scope.partition),
        name,
        service: 'ssm',
        ext: {
          document_name: name,
          document_type: str(d.DocumentType),
          // "all" in the share list: every AWS account may run it
          public:
            sharing.state === 'value' && accounts ? accounts.some((a) => a.toLowerCase() === 'all') : null,
          shared_with: accounts,
          unknown_facts: unknown,
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: {
      ...eventsAt(
        ['CreateDocument', 'UpdateDocument', 'DeleteDocument', 'ModifyDocumentPermission'],
        ['requestParameters.name'],
      ),
    },
  },
  pacing: { rate: 10, burst: 20 },
});
