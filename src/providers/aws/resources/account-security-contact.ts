import {
  AccountClient,
  GetAlternateContactCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-account';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { buildRecord, isRecord, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn, settingName } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.account.security_contact';

/**
 * The account's security alternate contact (Account Management GetAlternateContact, type
 * SECURITY): one call per account. None registered is ResourceNotFoundException (null item).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'account',
  client: AccountClient,
  scope: 'global',
  list: {
    permission: 'account:GetAlternateContact',
    single: async (client) =>
      (await client.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })))
        .AlternateContact ?? {},
    absentOn: [ResourceNotFoundException],
  },
});

const RAW = S.raw({
  item: S.obj({
    AlternateContactType: S.str,
    Name: S.str,
    EmailAddress: S.str,
    PhoneNumber: S.str,
    Title: S.str,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'account',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    if (!('item' in raw)) throw new Error(`${TYPE}: missing required field item (the list call's answer)`);
    const item = raw.item;
    if (item !== null && !isRecord(item)) throw new Error(`${TYPE}: item is not an object or null`);
    const email = item ? str(item.EmailAddress) : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'account_setting',
        reference: awsArn('account', 'global', scope.account, 'alternate-contact/SECURITY', scope.partition),
        name: settingName('Security contact', scope),
        service: 'account',
        ext: {
          registered: item !== null && Boolean(email),
          // who is reached, not how: the name only (the address and number stay in raw)
          contact_name: item ? str(item.Name) : null,
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: { events: eventsAt(['PutAlternateContact', 'DeleteAlternateContact'], []) },
});
