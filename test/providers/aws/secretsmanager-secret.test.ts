import { describe, expect, it } from 'vitest';
import secrets from '../../../src/providers/aws/resources/secretsmanager-secret.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import { wireError } from './helpers.js';

/** Secrets Manager secrets through the SDK stack against the fixture endpoint (ListSecrets, JSON 1.1). */

const env = endpointCollection('AKIDSECRETSTEST');
const TYPE = 'aws.secretsmanager.secret';
const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

const secret = (name: string, over: Record<string, unknown> = {}) => ({
  ARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-XTUSpD`,
  Name: name,
  Description: `${name} description`,
  CreatedDate: now() - 400 * DAY,
  LastChangedDate: now() - 10 * DAY,
  Tags: [{ Key: 'Env', Value: 'Prod' }],
  SecretVersionsToStages: { 'a8014335-d8bc-4e61-99d0-301a66f7325c': ['AWSCURRENT'] },
  ...over,
});

describe('aws.secretsmanager.secret collector', () => {
  it('reads rotation and access from ListSecrets alone', async () => {
    env.serve((r) =>
      r.service === 'secretsmanager' && r.headers['x-amz-target'] === 'secretsmanager.ListSecrets'
        ? jsonAnswer({
            SecretList: [
              secret('db-password', {
                RotationEnabled: true,
                RotationLambdaARN: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate`,
                RotationRules: { AutomaticallyAfterDays: 30 },
                LastRotatedDate: now() - 5 * DAY,
                NextRotationDate: now() + 25 * DAY,
                LastAccessedDate: now() - 1 * DAY,
              }),
              secret('legacy-token', { LastAccessedDate: now() - 200 * DAY }),
            ],
          })
        : undefined,
    );
    const records = await env.records(TYPE);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.rotation_enabled,
        r.ext.rotation_interval_days,
        r.ext.days_since_rotation,
        r.ext.days_since_access,
        r.ext.rotation_overdue_days,
      ]),
    ).toEqual([
      ['db-password', true, 30, 5, 1, 0],
      ['legacy-token', false, null, 400, 200, null],
    ]);
    expect(records[0]?.com).toMatchObject({ record_type: 'secret', tags: { Env: 'Prod' } });
    expect(env.calls()).toEqual(['secretsmanager:ListSecrets']);
    expect(env.refused()).toEqual([]);
  });

  it('a failed list is the collection error', async () => {
    env.serve(() =>
      wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'no secretsmanager:ListSecrets'),
    );
    const c = await env.collect(TYPE);
    expect(c.error).toMatch(/^secretsmanager:ListSecrets: AccessDeniedException/);
  });

  it('needs only ListSecrets, and an event names the secret by its name', () => {
    expect(secrets.collector.permissions).toEqual(['secretsmanager:ListSecrets']);
    const event = trailEvent(
      'RotateSecret',
      { secretId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-password-XTUSpD` },
      { source: 'secretsmanager.amazonaws.com' },
    );
    expect(targetsOf(event).map((t) => [t.type, t.id])).toEqual([[TYPE, 'db-password']]);
  });
});
