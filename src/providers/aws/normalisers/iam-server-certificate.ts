import type { ServerCertificateMetadata } from '@aws-sdk/client-iam';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { dateOf, daysSince } from './aws-facts.js';

const TYPE = 'aws.iam.server_certificate';

const RAW = S.raw({
  item: S.obj({
    ServerCertificateName: S.str,
    Arn: S.str,
    ServerCertificateId: S.str,
    Expiration: S.date,
    UploadDate: S.date,
  }),
});

/** A TLS certificate stored in IAM. expired is null when the expiry date is unreadable. */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE, 'certificate'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem<ServerCertificateMetadata>(raw, TYPE);
    const name = requireString(c, 'ServerCertificateName', TYPE, 'item.ServerCertificateName');
    const arn = requireString(c, 'Arn', TYPE, 'item.Arn');
    const expiry = dateOf(c.Expiration);
    const sinceExpiry = daysSince(expiry);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'certificate',
        reference: arn,
        name,
        service: 'iam',
        ext: {
          certificate_id: str(c.ServerCertificateId),
          uploaded: dateOf(c.UploadDate)?.toISOString() ?? null,
          expires: expiry?.toISOString() ?? null,
          expired: expiry === null ? null : expiry.getTime() <= Date.now(),
          days_since_expiry: sinceExpiry,
        },
        shape: {},
      }),
    ];
  },
});
