import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  num,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tlsVersion,
  unknownReasons,
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
      SSLSupportMethod: S.str,
    }),
    DefaultCacheBehavior: S.obj({ ViewerProtocolPolicy: S.str }),
    CacheBehaviors: S.obj({ Items: S.list(z.looseObject({ ViewerProtocolPolicy: S.str })) }),
    Origins: S.obj({
      Items: S.list(
        z.looseObject({
          Id: S.str,
          DomainName: S.str,
          OriginAccessControlId: S.str,
          S3OriginConfig: S.obj({ OriginAccessIdentity: S.str }),
          CustomOriginConfig: S.obj({
            OriginProtocolPolicy: S.str,
            OriginSslProtocols: S.obj({ Items: S.strs }),
          }),
        }),
      ),
    }),
    OriginGroups: S.obj({ Quantity: S.num }),
  }),
  config: S.answer({
    DistributionConfig: S.obj({
      DefaultRootObject: S.str,
      Logging: S.obj({ Enabled: S.bool, Bucket: S.str }),
    }),
  }),
});

/** Each origin: where it points, how CloudFront talks to it and how access to it is controlled. */
function origins(d: Record<string, unknown>) {
  return records(at(d, 'Origins.Items')).map((o) => {
    const custom = at(o, 'CustomOriginConfig');
    const s3 = at(o, 'S3OriginConfig');
    return {
      id: str(o.Id),
      domain_name: str(o.DomainName),
      kind:
        s3 !== undefined && s3 !== null ? 's3' : custom !== undefined && custom !== null ? 'custom' : null,
      origin_access_control: str(o.OriginAccessControlId) || null,
      origin_access_identity: str(at(o, 'S3OriginConfig.OriginAccessIdentity')) || null,
      protocol_policy: str(at(custom, 'OriginProtocolPolicy')),
      ssl_protocols: strings(at(custom, 'OriginSslProtocols.Items')),
    };
  });
}

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
    const config = enrichment(raw, 'config');
    const distConfig = config.state === 'value' ? at(config.value, 'DistributionConfig') : undefined;
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
          ssl_support_method: str(at(d, 'ViewerCertificate.SSLSupportMethod')),
          origins: origins(d),
          origin_group_count: num(at(d, 'OriginGroups.Quantity')) ?? 0,
          // an empty DefaultRootObject means none is set
          default_root_object:
            config.state === 'value' ? str(at(distConfig, 'DefaultRootObject')) || '' : null,
          logging_enabled:
            config.state === 'value' ? (bool(at(distConfig, 'Logging.Enabled')) ?? false) : null,
          unknown_facts: unknownReasons({ config }),
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
