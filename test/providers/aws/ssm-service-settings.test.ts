import { describe, expect, it } from 'vitest';
import { endpointCollection, jsonAnswer } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/** The Systems Manager service settings of a region through the SDK stack (GetServiceSetting, JSON 1.1). */

const env = endpointCollection('AKIDSSMSETTINGSTEST');
const TYPE = 'aws.ssm.service_settings';

const settings = (values: Record<string, string | 'not-found' | 'denied'>) => (r: EndpointRequest) => {
  if (r.service !== 'ssm' || r.headers['x-amz-target'] !== 'AmazonSSM.GetServiceSetting') return undefined;
  const id = (JSON.parse(r.body) as { SettingId: string }).SettingId;
  const v = values[id];
  if (v === 'not-found' || v === undefined)
    return wireError(
      'AwsJson1_1Protocol',
      'ServiceSettingNotFound',
      `The service setting ${id} was not found.`,
    );
  if (v === 'denied')
    return wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'not authorized: ssm:GetServiceSetting');
  return jsonAnswer({
    ServiceSetting: {
      SettingId: id,
      SettingValue: v,
      Status: 'Customized',
      ARN: `arn:aws:ssm:eu-west-1:111122223333:servicesetting${id}`,
    },
  });
};

describe('aws.ssm.service_settings collector', () => {
  it('reads both settings of the region', async () => {
    env.serve(
      settings({
        '/ssm/documents/console/public-sharing-permission': 'Disable',
        '/ssm/automation/customer-script-log-destination': 'CloudWatch',
      }),
    );
    const [r] = await env.records(TYPE);
    expect(r?.ext).toMatchObject({ public_sharing_blocked: true, automation_log_destination: 'CloudWatch' });
    expect(env.calls()).toEqual(['ssm:GetServiceSetting', 'ssm:GetServiceSetting']);
  });

  it('a setting never changed (ServiceSettingNotFound) is its default', async () => {
    env.serve(
      settings({
        '/ssm/documents/console/public-sharing-permission': 'not-found',
        '/ssm/automation/customer-script-log-destination': 'not-found',
      }),
    );
    const [r] = await env.records(TYPE);
    expect(r?.ext).toMatchObject({ public_sharing_blocked: false, automation_log_destination: 'None' });
  });

  it('a refused read fails the region: its checks could not evaluate, never pass', async () => {
    env.serve(
      settings({
        '/ssm/documents/console/public-sharing-permission': 'Disable',
        '/ssm/automation/customer-script-log-destination': 'denied',
      }),
    );
    const c = await env.collect(TYPE);
    expect(c.items).toBeUndefined();
    expect(c.error).toMatch(/^ssm:GetServiceSetting: AccessDeniedException/);
  });
});
