import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { type Answer, callerIdentityAnswer } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import { type LocalAws, startLocalAws, TEST_ACCESS_KEY, useEndpoint } from './local-aws.js';

/**
 * CloudFront distributions through the whole SDK stack against the fixture endpoint, in
 * CloudFront's REST-XML (API 2020-05-31): the summary of ListDistributions (origins, origin
 * groups, viewer certificate) and GetDistributionConfig per distribution for what the summary
 * leaves out (default root object, logging).
 */

const ACCOUNT = '111122223333';
const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

const summary = (id: string, origins: string, groups: number) => `<DistributionSummary>
<Id>${id}</Id><ARN>arn:aws:cloudfront::${ACCOUNT}:distribution/${id}</ARN><Status>Deployed</Status>
<LastModifiedTime>2024-05-01T10:00:00Z</LastModifiedTime><DomainName>${id.toLowerCase()}.cloudfront.net</DomainName>
<Aliases><Quantity>1</Quantity><Items><CNAME>www.example.com</CNAME></Items></Aliases>
<Origins><Quantity>2</Quantity><Items>${origins}</Items></Origins>
<OriginGroups><Quantity>${groups}</Quantity></OriginGroups>
<DefaultCacheBehavior><TargetOriginId>site</TargetOriginId><ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy></DefaultCacheBehavior>
<CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>
<Comment></Comment><PriceClass>PriceClass_All</PriceClass><Enabled>true</Enabled>
<ViewerCertificate><CloudFrontDefaultCertificate>false</CloudFrontDefaultCertificate><ACMCertificateArn>arn:aws:acm:us-east-1:${ACCOUNT}:certificate/1</ACMCertificateArn><SSLSupportMethod>vip</SSLSupportMethod><MinimumProtocolVersion>TLSv1.2_2019</MinimumProtocolVersion><CertificateSource>acm</CertificateSource></ViewerCertificate>
<Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>
<WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging>
</DistributionSummary>`;

const ORIGINS = `<Origin><Id>site</Id><DomainName>site.example.com</DomainName><OriginPath></OriginPath>
<CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>http-only</OriginProtocolPolicy>
<OriginSslProtocols><Quantity>2</Quantity><Items><SslProtocol>SSLv3</SslProtocol><SslProtocol>TLSv1.2</SslProtocol></Items></OriginSslProtocols></CustomOriginConfig>
<OriginAccessControlId></OriginAccessControlId></Origin>
<Origin><Id>assets</Id><DomainName>assets.s3.eu-west-1.amazonaws.com</DomainName><OriginPath></OriginPath>
<S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig><OriginAccessControlId>E2OAC</OriginAccessControlId></Origin>`;

const list = (items: string): Answer => ({
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<DistributionList xmlns="${NS}"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>${items}</Items></DistributionList>`,
  headers: { 'content-type': 'text/xml' },
});

const config = (rootObject: string, logging: boolean): Answer => ({
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<DistributionConfig xmlns="${NS}"><CallerReference>ref</CallerReference><DefaultRootObject>${rootObject}</DefaultRootObject><Comment></Comment><Logging><Enabled>${logging}</Enabled><IncludeCookies>false</IncludeCookies><Bucket>${logging ? 'logs.s3.amazonaws.com' : ''}</Bucket><Prefix></Prefix></Logging><Enabled>true</Enabled></DistributionConfig>`,
  headers: { 'content-type': 'text/xml', etag: 'E2QWRUHEXAMPLE' },
});

let aws: LocalAws;
let restore: () => void;
let configAnswer: (id: string) => Answer;

beforeEach(async () => {
  aws = await startLocalAws((r) => {
    if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
    if (r.service !== 'cloudfront') return undefined;
    if (r.method === 'GET' && r.path === '/2020-05-31/distribution')
      return list(summary('E1AAAA', ORIGINS, 0));
    const m = /^\/2020-05-31\/distribution\/([^/]+)\/config$/.exec(r.path);
    return m ? configAnswer(m[1] as string) : undefined;
  });
  restore = useEndpoint(aws.url);
});
afterEach(async () => {
  restore();
  await aws.close();
});

const credentials = async () => ({
  accessKeyId: TEST_ACCESS_KEY,
  secretAccessKey: 'fixture-secret-not-real',
});

async function distributions(): Promise<ResourceRecord[]> {
  const provider = new AwsProvider(
    { type: 'aws', regions: ['eu-west-1'], max_attempts: 1 },
    { credentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(['aws.cloudfront.distribution']) }))
    batches.push(b);
  const c = batches[0]?.collections.find((x) => x.type === 'aws.cloudfront.distribution') as Collection;
  expect(c.error).toBeUndefined();
  const n = normaliseCollection(c);
  expect(n.errors).toEqual([]);
  expect(aws.refused).toEqual([]);
  return n.records;
}

describe('aws.cloudfront.distribution, FSBP facts', () => {
  it('reads origins, origin groups and the certificate from the summary, the root object and logging from the config', async () => {
    configAnswer = () => config('', false);
    const [d] = await distributions();
    expect(d?.ext).toMatchObject({
      origin_group_count: 0,
      ssl_support_method: 'vip',
      minimum_protocol_version: 'TLSv1.2_2019',
      default_root_object: '',
      logging_enabled: false,
      web_acl_id: null,
    });
    expect(d?.ext.origins).toEqual([
      {
        id: 'site',
        domain_name: 'site.example.com',
        kind: 'custom',
        origin_access_control: null,
        origin_access_identity: null,
        protocol_policy: 'http-only',
        ssl_protocols: ['SSLv3', 'TLSv1.2'],
      },
      {
        id: 'assets',
        domain_name: 'assets.s3.eu-west-1.amazonaws.com',
        kind: 's3',
        origin_access_control: 'E2OAC',
        origin_access_identity: null,
        protocol_policy: null,
        ssl_protocols: [],
      },
    ]);
    expect(aws.requests.filter((r) => r.service === 'cloudfront').map((r) => r.path)).toEqual([
      '/2020-05-31/distribution',
      '/2020-05-31/distribution/E1AAAA/config',
    ]);
  });

  it('a refused GetDistributionConfig leaves the root object and logging unknown, with the reason', async () => {
    configAnswer = () =>
      wireError(
        'AwsRestXmlProtocol',
        'AccessDenied',
        'not authorized: cloudfront:GetDistributionConfig',
        403,
      );
    const [d] = await distributions();
    expect(d?.ext).toMatchObject({ default_root_object: null, logging_enabled: null });
    expect(d?.ext.unknown_facts).toEqual({ config: expect.stringContaining('AccessDenied') });
  });
});
