import {
  GetLoggingConfigurationCommand,
  GetWebACLCommand,
  ListWebACLsCommand,
  type Scope,
  WAFNonexistentItemException,
  WAFV2Client,
  type WebACLSummary,
} from '@aws-sdk/client-wafv2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.wafv2.web_acl';

/** A web ACL summary with the scope it was listed in (GetWebACL needs it). */
type Listed = WebACLSummary & { Scope?: Scope };

async function listScope(client: WAFV2Client, scope: Scope): Promise<Listed[]> {
  const out: Listed[] = [];
  let NextMarker: string | undefined;
  do {
    const page = await client.send(new ListWebACLsCommand({ Scope: scope, Limit: 100, NextMarker }));
    out.push(...(page.WebACLs ?? []).map((w) => ({ ...w, Scope: scope })));
    // WAF answers a marker on the last page too: an empty page ends the listing
    NextMarker = page.WebACLs?.length ? page.NextMarker : undefined;
  } while (NextMarker);
  return out;
}

/**
 * WAFv2 web ACLs: the regional ones of every region, and in us-east-1 also those of scope
 * CLOUDFRONT (which AWS keeps there). The rules come from GetWebACL, logging from
 * GetLoggingConfiguration (WAFNonexistentItemException: no logging), each per web ACL.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'wafv2',
  client: WAFV2Client,
  scope: 'region',
  list: {
    permission: 'wafv2:ListWebACLs',
    all: async (client, ctx) => [
      ...(await listScope(client, 'REGIONAL')),
      ...(ctx.region === 'us-east-1' ? await listScope(client, 'CLOUDFRONT') : []),
    ],
  },
  enrich: {
    webAcl: {
      permission: 'wafv2:GetWebACL',
      facts: ['rules', 'metrics_enabled'],
      call: (client, acl: Listed) =>
        client.send(new GetWebACLCommand({ Name: acl.Name, Id: acl.Id, Scope: acl.Scope })),
    },
    logging: {
      permission: 'wafv2:GetLoggingConfiguration',
      facts: ['logging_enabled'],
      absentOn: [WAFNonexistentItemException, 'WAFNonexistentItemException'],
      call: (client, acl: Listed) =>
        client.send(new GetLoggingConfigurationCommand({ ResourceArn: acl.ARN })),
    },
  },
});

const VISIBILITY = S.obj({
  CloudWatchMetricsEnabled: S.bool,
  SampledRequestsEnabled: S.bool,
  MetricName: S.str,
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'wafv2',
  produces: [TYPE, 'web_acl'],
  raw: S.raw({
    item: S.obj({ Name: S.str, Id: S.str, ARN: S.str, Scope: S.str }),
    webAcl: S.answer({
      WebACL: S.obj({
        Rules: S.list(z.looseObject({ Name: S.str, VisibilityConfig: VISIBILITY })),
        VisibilityConfig: VISIBILITY,
      }),
    }),
    logging: S.answer({ LoggingConfiguration: S.obj({ LogDestinationConfigs: S.strs }) }),
  }),
  normalise(raw, scope) {
    const a = requireItem<Listed>(raw, TYPE);
    const arn = requireString(a, 'ARN', TYPE, 'item.ARN');
    const webAcl = enrichment(raw, 'webAcl');
    const logging = enrichment(raw, 'logging');
    const detail = webAcl.state === 'value' ? at(webAcl.value, 'WebACL') : undefined;
    const metrics = (v: unknown) => bool(at(v, 'VisibilityConfig.CloudWatchMetricsEnabled')) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_acl',
        reference: arn,
        name: str(a.Name) ?? arn,
        region: str(a.Scope) === 'CLOUDFRONT' ? 'global' : scope.region,
        service: 'wafv2',
        ext: {
          web_acl_id: str(a.Id),
          scope: str(a.Scope),
          rules:
            webAcl.state === 'value'
              ? records(at(detail, 'Rules')).map((r) => ({ name: str(r.Name), metrics_enabled: metrics(r) }))
              : null,
          metrics_enabled: webAcl.state === 'value' ? metrics(detail) : null,
          logging_enabled: logging.state === 'absent' ? false : logging.state === 'value' ? true : null,
          unknown_facts: unknownReasons({ webAcl, logging }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  asff: 'AwsWafv2WebAcl',
  // WAF allows a few requests per second for its read APIs
  pacing: { rate: 4, burst: 8 },
});
