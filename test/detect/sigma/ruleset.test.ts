import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { RuleSet } from '../../../src/detect/sigma/ruleset.js';

const rule = (id: string, detection: string, product = 'aws', service = 'cloudtrail'): string =>
  `title: rule ${id}\nid: ${id}\nlogsource:\n  product: ${product}\n  service: ${service}\ndetection:\n${detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;

const RULES = [
  rule(
    'stop-logging',
    'sel:\n  eventSource: cloudtrail.amazonaws.com\n  eventName: [StopLogging, DeleteTrail]\ncondition: sel',
  ),
  rule('source-only', 'sel:\n  eventSource: kms.amazonaws.com\ncondition: sel'),
  rule('cased', 'sel:\n  eventName|cased: ConsoleLogin\ncondition: sel'),
  rule('or-branches', 'a:\n  eventName: CreateUser\nb:\n  eventName: CreateAccessKey\ncondition: a or b'),
  rule('or-mixed', 'a:\n  eventName: CreateUser\nb:\n  userAgent|contains: boto\ncondition: a or b'),
  rule(
    'negated',
    'sel:\n  eventName: GetObject\nf:\n  eventSource: s3.amazonaws.com\ncondition: not f and sel',
  ),
  rule('not-only', 'f:\n  eventName: GetObject\ncondition: not f'),
  rule('wildcard', 'sel:\n  eventName: Delete*\ncondition: sel'),
  rule('keywords', 'kw:\n  - AccessDenied\ncondition: kw'),
  rule('null-value', 'sel:\n  eventName: ConsoleLogin\n  errorCode: null\ncondition: sel'),
  rule(
    'all-of',
    's_a:\n  eventName: PutBucketPolicy\ns_b:\n  eventSource: s3.amazonaws.com\ncondition: all of s_*',
  ),
  rule('one-of', 's_a:\n  eventName: PutBucketAcl\ns_b:\n  eventName: PutBucketPolicy\ncondition: 1 of s_*'),
  rule('contradiction', 'a:\n  eventName: X\nb:\n  eventName: Y\ncondition: a and b'),
  rule(
    'list-of-maps',
    'sel:\n  - eventName: AttachUserPolicy\n  - eventName: AttachRolePolicy\ncondition: sel',
  ),
  rule('list-of-maps-mixed', 'sel:\n  - eventName: AttachUserPolicy\n  - userAgent: console\ncondition: sel'),
  rule('numeric', 'sel:\n  eventName: 42\ncondition: sel'),
  rule(
    'nested',
    'sel:\n  eventName: AuthorizeSecurityGroupIngress\n  requestParameters.cidr|cidr: 0.0.0.0/0\ncondition: sel',
  ),
  rule(
    'azure',
    'sel:\n  operationName: MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/WRITE\ncondition: sel',
    'azure',
    'activitylogs',
  ),
  rule(
    'gcp',
    'sel:\n  gcp.audit.method_name: v1.compute.firewalls.insert\ncondition: sel',
    'gcp',
    'gcp.audit',
  ),
  rule('regex', 'sel:\n  eventName|re: ^Put\ncondition: sel'),
].join('---\n');

/** A small deterministic PRNG (mulberry32), so the generated events are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function events(n: number): unknown[] {
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const names = [
    'StopLogging',
    'stoplogging',
    'DeleteTrail',
    'ConsoleLogin',
    'consolelogin',
    'CreateUser',
    'CreateAccessKey',
    'GetObject',
    'DeleteBucket',
    'PutBucketPolicy',
    'PutBucketAcl',
    'AttachUserPolicy',
    'AttachRolePolicy',
    'AuthorizeSecurityGroupIngress',
    'X',
    'Y',
    42,
    '42',
    null,
    ['CreateUser', 'GetObject'],
  ];
  const sources = [
    'cloudtrail.amazonaws.com',
    's3.amazonaws.com',
    'kms.amazonaws.com',
    'KMS.amazonaws.com',
    undefined,
  ];
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e: Record<string, unknown> = {};
    const name = pick(names);
    if (name !== null || rand() < 0.5) e.eventName = name;
    const source = pick(sources);
    if (source) e.eventSource = source;
    if (rand() < 0.3) e.userAgent = pick(['Boto3/1.2', 'console', 'aws-cli']);
    if (rand() < 0.2) e.errorCode = pick(['AccessDenied', null]);
    if (rand() < 0.3) e.requestParameters = { cidr: pick(['0.0.0.0/0', '10.0.0.1', 'x']) };
    if (rand() < 0.2) e.operationName = pick(['Microsoft.Network/networkSecurityGroups/write', 'other']);
    if (rand() < 0.1)
      e.operationName = { value: pick(['Microsoft.Network/networkSecurityGroups/write', 'x']) };
    if (rand() < 0.05) e.eventName = { nested: [pick(['CreateUser', 'GetObject'])] };
    if (rand() < 0.2) e.protoPayload = { methodName: pick(['v1.compute.firewalls.insert', 'other']) };
    out.push(e);
  }
  return out;
}

describe('RuleSet', () => {
  const { rules, errors } = loadRuleText(RULES, 'index.yml');

  it('compiles the test rules', () => {
    expect(errors).toEqual([]);
    expect(rules).toHaveLength(20);
  });

  it('indexes rules with a required literal and runs the rest always', () => {
    const stats = new RuleSet(rules).stats();
    const set = new RuleSet(rules);
    const dispatch = Object.fromEntries(
      set.detections.map((d) => [
        d.meta.id,
        d.dispatch ? `${d.dispatch.field}=${[...d.dispatch.values].join(',')}` : '-',
      ]),
    );
    expect(dispatch).toMatchObject({
      'stop-logging': 'eventName=stoplogging,deletetrail',
      'source-only': 'eventSource=kms.amazonaws.com',
      cased: 'eventName=consolelogin',
      'or-branches': 'eventName=createuser,createaccesskey',
      'or-mixed': '-',
      negated: 'eventName=getobject',
      'not-only': '-',
      wildcard: '-',
      keywords: '-',
      'null-value': 'eventName=consolelogin',
      'all-of': 'eventName=putbucketpolicy',
      'one-of': 'eventName=putbucketacl,putbucketpolicy',
      contradiction: 'eventName=',
      'list-of-maps': 'eventName=attachuserpolicy,attachrolepolicy',
      'list-of-maps-mixed': '-',
      numeric: '-',
      azure: 'operationName=microsoft.network/networksecuritygroups/write',
      gcp: 'gcp.audit.method_name=v1.compute.firewalls.insert',
      regex: '-',
    });
    expect(stats.indexed + stats.alwaysRun).toBe(stats.rules);
    expect(stats.byField.eventName).toBeGreaterThan(5);
  });

  it('gives the same matches as evaluating every rule', () => {
    const set = new RuleSet(rules);
    let total = 0;
    for (const event of events(5000)) {
      const ids = set.match(event).map((m) => m.rule.meta.id);
      const brute = set.matchAll(event).map((m) => m.rule.meta.id);
      expect(ids).toEqual(brute);
      total += ids.length;
    }
    // The events do exercise the rules.
    expect(total).toBeGreaterThan(1000);
  });

  it('matches a multi-valued dispatch field once per rule', () => {
    const set = new RuleSet(rules);
    const ids = set.match({ eventName: ['CreateUser', 'CreateAccessKey'] }).map((m) => m.rule.meta.id);
    expect(ids.filter((id) => id === 'or-branches')).toHaveLength(1);
  });

  it('keeps only the rules of a source', () => {
    const azure = new RuleSet(rules, { source: { product: 'azure', service: 'activitylogs' } });
    expect(azure.detections.map((d) => d.meta.id)).toEqual(['azure']);
    const gcp = new RuleSet(rules, { source: { product: 'gcp', service: 'gcp.audit' } });
    expect(
      gcp.match({ protoPayload: { methodName: 'v1.compute.firewalls.insert' } }).map((m) => m.rule.meta.id),
    ).toEqual(['gcp']);
  });
});

describe('answers remembered while matching', () => {
  const loaded = loadRuleText(
    [
      rule('tool-agent', 'sel:\n  userAgent|contains: [kali, pacu/]\ncondition: sel'),
      rule('nested-type', 'sel:\n  eventName: GetUser\n  userIdentity.type: IAMUser\ncondition: sel'),
    ].join('---\n'),
  );
  const set = new RuleSet(loaded.rules);
  const titles = (event: unknown) => set.matchRules(event).map((r) => r.meta.title);

  it('sees an event changed between two matches of the same object', () => {
    const event = { eventName: 'GetUser', userAgent: 'Kali Linux', userIdentity: { type: 'IAMUser' } };
    expect(titles(event)).toEqual(['rule tool-agent', 'rule nested-type']);
    event.userAgent = 'aws-cli/2';
    event.userIdentity.type = 'Root';
    expect(titles(event)).toEqual([]);
    event.userIdentity = { type: 'IAMUser' };
    expect(titles(event)).toEqual(['rule nested-type']);
  });

  it('gives the same answers for the same text in many events, and for texts past the memory', () => {
    for (let i = 0; i < 3000; i++) {
      const agent = i % 3 === 0 ? `Pacu/${i}` : i % 2 === 0 ? `Kali-${i % 11}` : `Boto3/${i % 7}`;
      const long = `${'x'.repeat(300)}${i % 5 === 0 ? 'KALI' : ''}`;
      const tool = i % 3 === 0 || i % 2 === 0;
      expect(titles({ eventName: 'ListUsers', userAgent: agent })).toEqual(tool ? ['rule tool-agent'] : []);
      expect(titles({ eventName: 'ListUsers', userAgent: long }).length).toBe(i % 5 === 0 ? 1 : 0);
    }
  });

  it('gives the same answers while texts hardly repeat (answers not looked up for a while) and after', () => {
    // unique agents fill the answers with misses, so they are tested without look-ups for a while;
    // repeated agents then come back, and both kinds must answer as their text says
    for (let i = 0; i < 40_000; i++) {
      const unique = i < 20_000 || i % 2 === 0;
      const agent = unique ? `agent-${i}${i % 13 === 0 ? '-kali' : ''}` : `Pacu/${i % 3}`;
      const tool = unique ? i % 13 === 0 : true;
      expect(set.matchRules({ eventName: 'ListUsers', userAgent: agent }).length).toBe(tool ? 1 : 0);
    }
  });

  it('does not keep answers for a rule matched on its own', () => {
    const nested = set.detections.find((r) => r.meta.title === 'rule nested-type')!;
    const event = { eventName: 'GetUser', userIdentity: { type: 'IAMUser' } };
    expect(nested.match(event)).toBe(true);
    event.userIdentity.type = 'Root';
    expect(nested.match(event)).toBe(false);
  });
});
