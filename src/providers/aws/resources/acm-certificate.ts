import {
  ACMClient,
  type CertificateSummary,
  type KeyAlgorithm,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { dateOf, isoOf } from '../normalisers/aws-facts.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.acm.certificate';
const DAY_MS = 86_400_000;

/** ListCertificates answers only RSA 1024 and 2048 certificates unless asked for every key type. */
const KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

/**
 * ACM certificates of a region, from ListCertificates alone: its summaries carry the type, key
 * algorithm, expiry, status and use, so no DescribeCertificate per certificate is needed.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'acm',
  client: ACMClient,
  scope: 'region',
  list: {
    permission: 'acm:ListCertificates',
    paginate: (client) =>
      paginateListCertificates({ client, pageSize: 1000 }, { Includes: { keyTypes: KEY_TYPES } }),
    items: (page) => page.CertificateSummaryList,
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'acm',
  produces: [TYPE, 'certificate'],
  raw: S.raw({
    item: S.obj({
      CertificateArn: S.str,
      DomainName: S.str,
      Type: S.str,
      KeyAlgorithm: S.str,
      Status: S.str,
      NotAfter: S.date,
      InUse: S.bool,
      RenewalEligibility: S.str,
    }),
    collectedAt: S.date,
  }),
  normalise(raw, scope) {
    const c = requireItem<CertificateSummary>(raw, TYPE);
    const arn = requireString(c, 'CertificateArn', TYPE, 'item.CertificateArn');
    const notAfter = dateOf(c.NotAfter);
    const now = dateOf(raw.collectedAt)?.getTime() ?? Date.now();
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'certificate',
        reference: arn,
        name: str(c.DomainName) ?? arn,
        service: 'acm',
        ext: {
          domain_name: str(c.DomainName),
          // AMAZON_ISSUED, IMPORTED or PRIVATE
          certificate_type: str(c.Type),
          key_algorithm: str(c.KeyAlgorithm),
          status: str(c.Status),
          in_use: bool(c.InUse),
          not_after: isoOf(c.NotAfter),
          // whole days left, counted to when the collection read the certificate
          days_to_expiry: notAfter === null ? null : Math.floor((notAfter.getTime() - now) / DAY_MS),
          renewal_eligibility: str(c.RenewalEligibility),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  asff: 'AwsCertificateManagerCertificate',
  // ListCertificates: ACM allows about 10 requests per second
  pacing: { rate: 8, burst: 16 },
});
