import { describe, expect, it } from 'vitest';
import account from '../../../src/providers/aws/resources/account-security-contact.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import { endpointCollection, restJson } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/** The security alternate contact through the SDK stack (Account Management, REST-JSON). */

const env = endpointCollection('AKIDACCOUNTTEST');
const TYPE = 'aws.account.security_contact';

const answering = (answer: () => ReturnType<typeof restJson>) => (r: EndpointRequest) => {
  if (r.service !== 'account' || r.path !== '/getAlternateContact') return undefined;
  expect(JSON.parse(r.body)).toEqual({ AlternateContactType: 'SECURITY' });
  return answer();
};

describe('aws.account.security_contact collector', () => {
  it('a registered contact', async () => {
    env.serve(
      answering(() =>
        restJson({
          AlternateContact: {
            AlternateContactType: 'SECURITY',
            EmailAddress: 'security@example.com',
            Name: 'Security team',
            PhoneNumber: '+1-555-0100',
            Title: 'SOC',
          },
        }),
      ),
    );
    const [r] = await env.records(TYPE);
    expect(r?.ext).toMatchObject({ registered: true, contact_name: 'Security team' });
    expect(r?.com.region).toBe('global');
    expect(env.calls()).toEqual(['account:POST /getAlternateContact']);
  });

  it('none registered is ResourceNotFoundException: not registered, not an error', async () => {
    env.serve(
      answering(() =>
        wireError(
          'AwsRestJsonProtocol',
          'ResourceNotFoundException',
          'No contact of the inputted alternate contact type found.',
          404,
        ),
      ),
    );
    const [r] = await env.records(TYPE);
    expect(r?.ext.registered).toBe(false);
  });

  it('a refused read is the collection error', async () => {
    env.serve(
      answering(() =>
        wireError('AwsRestJsonProtocol', 'AccessDeniedException', 'no account:GetAlternateContact', 403),
      ),
    );
    const c = await env.collect(TYPE);
    expect(c.error).toMatch(/^account:GetAlternateContact: AccessDeniedException/);
    expect(account.collector.permissions).toEqual(['account:GetAlternateContact']);
  });

  it('a change of the contact re-reads the setting', () => {
    const event = trailEvent(
      'PutAlternateContact',
      { alternateContactType: 'SECURITY' },
      { source: 'account.amazonaws.com' },
    );
    expect(targetsOf(event).map((t) => [t.type, t.id, t.region])).toEqual([[TYPE, '*', 'global']]);
  });
});
