import {
  BatchGetProjectsCommand,
  CodeBuildClient,
  type Project,
  paginateListProjects,
} from '@aws-sdk/client-codebuild';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  isRecord,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { chunks } from '../collectors/pages.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.codebuild.project';

/** Environment variables that carry AWS credentials when set in plain text. */
const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
const NOT_KEPT = '(value not kept)';

/** `https://user:token@bitbucket.org/x.git` -> does it carry user info, and the URL without it. */
function withoutUserInfo(location: string): { credentials: boolean; location: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]+)@(.*)$/i.exec(location);
  return m ? { credentials: true, location: `${m[1]}${NOT_KEPT}@${m[3]}` } : { credentials: false, location };
}

/**
 * Keeps the facts, drops the secrets: plain-text environment variable values and the user info
 * of source URLs (a personal access token in a Bitbucket URL) never reach the store, reports or
 * snapshots. What was there is recorded as a flag.
 */
function scrub(p: Project): Record<string, unknown> {
  const sources = [p.source, ...(p.secondarySources ?? [])].filter((s) => s !== undefined);
  let urlCredentials = false;
  for (const s of sources) {
    if (!s.location) continue;
    const clean = withoutUserInfo(s.location);
    if (clean.credentials) {
      urlCredentials = true;
      s.location = clean.location;
    }
  }
  for (const v of p.environment?.environmentVariables ?? [])
    if (v.type === 'PLAINTEXT' && v.value !== undefined) v.value = NOT_KEPT;
  return { ...p, sourceUrlCredentials: urlCredentials };
}

/** CodeBuild projects: ListProjects gives names, BatchGetProjects the details, 100 a call. */
const collector = defineCollector({
  type: TYPE,
  service: 'codebuild',
  client: CodeBuildClient,
  scope: 'region',
  list: {
    permission: 'codebuild:ListProjects',
    alsoCalls: ['codebuild:BatchGetProjects'],
    all: async (client) => {
      const names: string[] = [];
      for await (const page of paginateListProjects({ client }, {})) names.push(...(page.projects ?? []));
      const out: Record<string, unknown>[] = [];
      for (const batch of chunks(names, 100)) {
        const answer = await client.send(new BatchGetProjectsCommand({ names: batch }));
        out.push(...(answer.projects ?? []).map(scrub));
      }
      return out;
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'arn') },
});

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    arn: S.str,
    sourceUrlCredentials: S.bool,
    source: S.obj({ type: S.str, location: S.str }),
    environment: S.obj({ environmentVariables: S.list(S.obj({ name: S.str, type: S.str })) }),
    logsConfig: S.obj({
      cloudWatchLogs: S.obj({ status: S.str }),
      s3Logs: S.obj({ status: S.str, encryptionDisabled: S.bool }),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'codebuild',
  produces: [TYPE, 'build_project'],
  raw: RAW,
  normalise(raw, scope) {
    const p = requireItem(raw, TYPE);
    const arn = requireString(p, 'arn', TYPE, 'item.arn');
    const logs = isRecord(p.logsConfig) ? p.logsConfig : {};
    const s3 = str(at(logs, 's3Logs.status')) === 'ENABLED';
    // CloudWatch Logs is on unless turned off (the API default when logsConfig is absent)
    const cloudwatch = (str(at(logs, 'cloudWatchLogs.status')) ?? 'ENABLED') === 'ENABLED';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'build_project',
        reference: arn,
        name: str(p.name) ?? arn,
        service: 'codebuild',
        ext: {
          source_type: str(at(p, 'source.type')),
          source_url_credentials: bool(p.sourceUrlCredentials) ?? false,
          plaintext_credential_variables: records(at(p, 'environment.environmentVariables'))
            .filter(
              (v) =>
                (str(v.type) ?? 'PLAINTEXT') === 'PLAINTEXT' && CREDENTIAL_VARIABLES.has(str(v.name) ?? ''),
            )
            .map((v) => str(v.name)),
          logs_cloudwatch: cloudwatch,
          logs_s3: s3,
          s3_logs_encrypted: s3 ? bool(at(logs, 's3Logs.encryptionDisabled')) !== true : null,
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
      CreateProject: ['requestParameters.name'],
      ...eventsAt(['UpdateProject', 'DeleteProject'], ['requestParameters.name']),
    },
  },
  asff: 'AwsCodeBuildProject',
  pacing: { rate: 10, burst: 20 },
});
