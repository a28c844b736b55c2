import { describe, expect, it } from 'vitest';
import { compileField, MISSING } from '../../../src/detect/sigma/fields.js';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { compile } from './helpers.js';

describe('field resolution', () => {
  it('walks nested objects', () => {
    expect(compileField('userIdentity.type')({ userIdentity: { type: 'Root' } })).toBe('Root');
    expect(compileField('a.b.c')({ a: { b: {} } })).toBe(MISSING);
    expect(compileField('a.b')({ a: 'text' })).toBe(MISSING);
    expect(compileField('a')(null)).toBe(MISSING);
  });

  it('prefers a literal key containing dots', () => {
    const event = { 'gcp.audit.method_name': 'literal', gcp: { audit: { method_name: 'nested' } } };
    expect(compileField('gcp.audit.method_name')(event)).toBe('literal');
    expect(compileField('gcp.audit.method_name')({ gcp: { audit: { method_name: 'nested' } } })).toBe(
      'nested',
    );
    expect(compileField('a.b.c')({ a: { 'b.c': 'mixed' } })).toBe('mixed');
  });

  it('fans out through arrays and flattens list values', () => {
    const event = {
      requestParameters: {
        ipPermissions: {
          items: [
            { ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
            { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }, { cidrIp: '1.2.3.4/32' }] } },
            { ipv6Ranges: {} },
          ],
        },
      },
    };
    expect(compileField('requestParameters.ipPermissions.items.ipRanges.items.cidrIp')(event)).toEqual([
      '10.0.0.0/8',
      '0.0.0.0/0',
      '1.2.3.4/32',
    ]);
    expect(compileField('tags')({ tags: ['a', ['b', 'c']] })).toEqual(['a', 'b', 'c']);
  });

  it('falls back to aliases only when the field is missing', () => {
    const f = compileField('gcp.audit.method_name', {
      exact: { 'gcp.audit.method_name': ['protoPayload.methodName'] },
    });
    expect(f({ protoPayload: { methodName: 'storage.buckets.list' } })).toBe('storage.buckets.list');
    expect(f({ 'gcp.audit.method_name': 'own', protoPayload: { methodName: 'other' } })).toBe('own');
    const p = compileField('data.protoPayload.methodName', {
      prefixes: [['data.protoPayload.', 'protoPayload.']],
    });
    expect(p({ protoPayload: { methodName: 'x' } })).toBe('x');
  });

  it('gives the same answer whichever shape an event comes in, one event after another', () => {
    // one resolver sees plain events (its fast path) and every shape it must hand to the full walk
    const f = compileField('a.b.c');
    const cases: Array<[unknown, unknown]> = [
      [{ a: { b: { c: 1 } } }, 1],
      [{ 'a.b': { c: 2 }, a: { b: { c: 9 } } }, 2],
      [{ 'a.b': { x: 0 }, a: { b: { c: 3 } } }, 3],
      [{ a: { 'b.c': 4, b: { c: 9 } } }, 4],
      [{ 'a.b.c': undefined, a: { b: { c: 5 } } }, 5],
      [{ a: [{ b: { c: 6 } }, { b: { c: [7, [8]] } }] }, [6, 7, 8]],
      [{ a: { b: { c: [10, 11] } } }, [10, 11]],
      [{ a: { b: null } }, MISSING],
      [{ a: { b: 'text' } }, MISSING],
      [{ a: { b: {} } }, MISSING],
      [[{ a: { b: { c: 12 } } }], [12]],
      [{ a: Object.create({ b: { c: 13 } }) }, MISSING],
      [{ a: { b: { c: 14 } } }, 14],
    ];
    for (const [event, want] of cases) expect(f(event)).toEqual(want);
    const top = compileField('c');
    expect(top([{ c: 1 }, { c: [2] }, 'x'])).toEqual([1, 2]);
    expect(top({ c: ['x', ['y']] })).toEqual(['x', 'y']);
    expect(top('text')).toBe(MISSING);
    expect(compileField('__proto__')({})).toBe(MISSING);
    expect(compileField('a."b\'c')({ a: { '"b\'c': 'quoted' } })).toBe('quoted');
  });

  it('does not read inherited properties', () => {
    expect(compileField('constructor')({})).toBe(MISSING);
    expect(compileField('a.toString')({ a: {} })).toBe(MISSING);
  });
});

describe('nested fields in rules', () => {
  it('match when any array element matches', () => {
    const r = compile(`
selection:
  eventName: AuthorizeSecurityGroupIngress
  requestParameters.ipPermissions.items.ipRanges.items.cidrIp: 0.0.0.0/0
condition: selection`);
    const event = (cidrs: string[]) => ({
      eventName: 'AuthorizeSecurityGroupIngress',
      requestParameters: {
        ipPermissions: { items: [{ ipRanges: { items: cidrs.map((cidrIp) => ({ cidrIp })) } }] },
      },
    });
    expect(r.match(event(['10.0.0.0/8', '0.0.0.0/0']))).toBe(true);
    expect(r.match(event(['10.0.0.0/8']))).toBe(false);
  });

  it('an object value stands for every value nested in it', () => {
    const r = compile(`
selection:
  eventName: PutBucketVersioning
  requestParameters|contains: Suspended
condition: selection`);
    const event = (status: string) => ({
      eventName: 'PutBucketVersioning',
      requestParameters: {
        bucketName: 'b',
        VersioningConfiguration: { Status: status, MfaDelete: 'Disabled' },
      },
    });
    expect(r.match(event('Suspended'))).toBe(true);
    expect(r.match(event('Enabled'))).toBe(false);
    const all = compile(`
selection:
  requestParameters|contains|all:
    - '"Allow"'
    - '"s3:GetObject"'
condition: selection`);
    const policy = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    expect(all.match({ requestParameters: { userName: 'u', policyDocument: policy } })).toBe(true);
    expect(all.match({ requestParameters: { policyDocument: policy.replace('Allow', 'Deny') } })).toBe(false);
    const eq = compile(`
selection:
  operationName: Microsoft.Network/networkSecurityGroups/write
condition: selection`);
    expect(
      eq.match({
        operationName: { value: 'Microsoft.Network/networkSecurityGroups/write', localizedValue: 'x' },
      }),
    ).toBe(true);
  });

  it('null matches a field missing from every element', () => {
    const r = compile(`
selection:
  items.name: null
condition: selection`);
    expect(r.match({ items: [{ id: 1 }, { id: 2 }] })).toBe(true);
    expect(r.match({ items: [{ name: 'a' }] })).toBe(false);
    expect(r.match({ items: [{ name: 'a' }, { name: null }] })).toBe(true);
  });

  it('GCP rules written with Elastic field names match Cloud Logging exports', () => {
    const text = `title: gcp
logsource:
  product: gcp
  service: gcp.audit
detection:
  selection:
    gcp.audit.method_name: storage.buckets.list
    data.protoPayload.serviceName: storage.googleapis.com
  condition: selection
`;
    const rule = loadRuleText(text).rules[0];
    if (rule?.kind !== 'detection') throw new Error('no rule');
    expect(
      rule.match({
        protoPayload: { methodName: 'storage.buckets.list', serviceName: 'storage.googleapis.com' },
      }),
    ).toBe(true);
  });
});
