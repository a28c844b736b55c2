import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tlsVersion,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.cloudfront.distribution';

/** Viewer protocol policies of the default and every other cache behaviour. */
function viewerPolicies(d: Record<string, unknown>): string[] | null {
  const first = str(at(d, 'DefaultCacheBehavior.ViewerProtocolPolicy'));
  if (first === null) return null;
  const rest = records(at(d, 'CacheBehaviors.Items')).map((b) => str(b.ViewerProtocolPolicy));
  if (rest.some((p) => p === null)) return null;
  return [first, ...(rest as string[])];
}

const RAW = S.raw({
  item: S.obj({
    Id: S.str,
    ARN: S.str,
    DomainName: S.str,
    Aliases: S.obj({ Items: S.strs }),
    Enabled: S.bool,
    Status: S.str,
    WebACLId: S.str,
    HttpVersion: S.str,
    PriceClass: S.str,
    ViewerCertificate: S.obj({
      CloudFrontDefaultCertificate: S.bool,
      MinimumProtocolVersion: S.str,
      CertificateSource: S.str,
    }),
    DefaultCacheBehavior: S.obj({ ViewerProtocolPolicy: S.str }),
    CacheBehaviors: S.obj({ Items: S.list(z.looseObject({ ViewerProtocolPolicy: S.str })) }),
  }),
});

/**
 * A CloudFront distribution ('web_app'). With the default *.cloudfront.net certificate CloudFront
 * accepts TLSv1 whatever MinimumProtocolVersion says, so min_tls_version is '1.0'. https_only
 * means every cache behaviour refuses or redirects plain HTTP.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'cloudfront',
  produces: [TYPE, 'web_app'],
  raw: RAW,
  normalise(raw, scope) {
    const d = requireItem<DistributionSummary>(raw, TYPE);
    const id = requireString(d, 'Id', TYPE, 'item.Id');
    const cert = at(d, 'ViewerCertificate');
    const defaultCert = bool(at(d, 'ViewerCertificate.CloudFrontDefaultCertificate'));
    const minProtocol = str(at(d, 'ViewerCertificate.MinimumProtocolVersion'));
    const minTls = cert === undefined ? null : defaultCert === true ? '1.0' : tlsVersion(minProtocol);
    const policies = viewerPolicies(d);
    const aliases = strings(at(d, 'Aliases.Items'));
    const domain = str(d.DomainName);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_app',
        reference:
          str(d.ARN) ?? awsArn('cloudfront', 'global', scope.account, `distribution/${id}`, scope.partition),
        name: aliases[0] ?? domain ?? id,
        region: 'global',
        service: 'cloudfront',
        ext: {
          distribution_id: id,
          domain_name: domain,
          aliases,
          enabled: bool(d.Enabled),
          status: str(d.Status),
          web_acl_id: str(d.WebACLId) || null,
          viewer_protocol_policies: policies,
          default_certificate: defaultCert,
          certificate_source: str(at(d, 'ViewerCertificate.CertificateSource')),
          minimum_protocol_version: minProtocol,
          http_version: str(d.HttpVersion),
          price_class: str(d.PriceClass),
        },
        shape: {
          min_tls_version: minTls,
          https_only:
            policies === null ? null : policies.every((p) => p === 'https-only' || p === 'redirect-to-https'),
        },
      }),
    ];
  },
});
