import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleDir, loadRuleText } from '../../../src/detect/sigma/loader.js';
import { compile, loadError } from './helpers.js';

describe('condition semantics', () => {
  const r = compile(`
a:
  x: 1
b:
  y: 1
c:
  z: 1
condition: a or b and not c`);

  it('not > and > or', () => {
    expect(r.match({ x: 1, z: 1 })).toBe(true);
    expect(r.match({ y: 1 })).toBe(true);
    expect(r.match({ y: 1, z: 1 })).toBe(false);
    expect(r.match({})).toBe(false);
  });

  it('parentheses override precedence', () => {
    const p = compile(`
a:
  x: 1
b:
  y: 1
c:
  z: 1
condition: (a or b) and not c`);
    expect(p.match({ x: 1, z: 1 })).toBe(false);
    expect(p.match({ x: 1 })).toBe(true);
  });

  it('1 of / all of a pattern, and of them', () => {
    const one = compile(`
selection_a:
  x: 1
selection_b:
  y: 1
filter:
  z: 1
condition: 1 of selection_* and not filter`);
    expect(one.match({ y: 1 })).toBe(true);
    expect(one.match({ y: 1, z: 1 })).toBe(false);
    const all = compile(`
selection_a:
  x: 1
selection_b:
  y: 1
condition: all of selection*`);
    expect(all.match({ x: 1 })).toBe(false);
    expect(all.match({ x: 1, y: 1 })).toBe(true);
    const them = compile(`
a:
  x: 1
b:
  y: 1
condition: all of them`);
    expect(them.match({ x: 1, y: 1 })).toBe(true);
    expect(them.match({ x: 1 })).toBe(false);
    const anyThem = compile(`
a:
  x: 1
b:
  y: 1
condition: 1 of them`);
    expect(anyThem.match({ y: 1 })).toBe(true);
  });

  it('a list of conditions is their OR', () => {
    const l = compile(`
a:
  x: 1
b:
  y: 1
condition:
  - a
  - b`);
    expect(l.match({ y: 1 })).toBe(true);
    expect(l.match({})).toBe(false);
  });
});

describe('rule errors name the rule and the reason', () => {
  it.each([
    ['selection:\n  x: 1\ncondition: selection and missing', /undefined selection "missing"/],
    ['selection:\n  x: 1\ncondition: 1 of filter_*', /matches no selection/],
    ['selection:\n  x: 1\ncondition: selection and (', /expected a selection name/],
    ['selection:\n  x: 1', /condition is missing/],
    ['condition: selection', /no selections/],
    ['selection: []\ncondition: selection', /empty list/],
    ['selection: {}\ncondition: selection', /empty map/],
    ['selection:\n  - a\n  - x: 1\ncondition: selection', /only maps or only keywords/],
    ['selection: null\ncondition: selection', /expected a map/],
  ])('%j', (detection, reason) => {
    const e = loadError(detection);
    expect(e.reason).toMatch(reason);
    expect(e.file).toBe('bad.yml');
    expect(e.title).toBe('Test rule');
  });

  it('reports missing or malformed metadata', () => {
    expect(
      loadRuleText('logsource: {product: aws}\ndetection: {s: {x: 1}, condition: s}', 'f.yml').errors[0]
        ?.reason,
    ).toMatch(/"title" is missing/);
    expect(loadRuleText('title: t\ndetection: {s: {x: 1}, condition: s}').errors[0]?.reason).toMatch(
      /"logsource"/,
    );
    expect(
      loadRuleText('title: t\nlevel: severe\nlogsource: {product: aws}\ndetection: {s: {x: 1}, condition: s}')
        .errors[0]?.reason,
    ).toMatch(/unknown level "severe"/);
    expect(loadRuleText('- just\n- a list').errors[0]?.reason).toMatch(/must be a YAML map/);
  });

  it('reports broken YAML without stopping the next document', () => {
    const text =
      'title: [unclosed\n---\ntitle: ok\nlogsource: {product: aws}\ndetection: {s: {x: 1}, condition: s}\n';
    const { rules, errors } = loadRuleText(text, 'multi.yml');
    expect(rules).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'multi.yml', document: 0 });
    expect(errors[0]?.reason).toMatch(/^YAML:/);
  });

  it('reports filter documents and unknown document actions', () => {
    expect(
      loadRuleText('title: f\nlogsource: {product: aws}\nfilter: {rules: [x]}').errors[0]?.reason,
    ).toMatch(/filter documents are not supported/);
    expect(loadRuleText('title: f\naction: repeat').errors[0]?.reason).toMatch(/unsupported document action/);
  });

  it('merges Sigma 1 action: global documents', () => {
    const text = `action: global
title: shared
logsource: {product: aws, service: cloudtrail}
detection:
  condition: selection
---
id: one
detection:
  selection: {eventName: A}
---
id: two
detection:
  selection: {eventName: B}
`;
    const { rules, errors } = loadRuleText(text);
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.meta.id)).toEqual(['one', 'two']);
    const [one] = rules;
    if (one?.kind !== 'detection') throw new Error('no rule');
    expect(one.match({ eventName: 'A' })).toBe(true);
  });

  it('reads the metadata', () => {
    const { rules } = loadRuleText(`title: Meta
id: 5f3b1c9e-0000-4000-8000-000000000001
name: meta_rule
status: test
level: HIGH
description: about
author: Someone
date: 2024-01-02
references: [https://example.com/a]
tags: [attack.t1078]
falsepositives: Admins
fields: [eventName]
logsource: {product: aws, service: cloudtrail}
detection: {s: {x: 1}, condition: s}
`);
    expect(rules[0]?.meta).toMatchObject({
      title: 'Meta',
      id: '5f3b1c9e-0000-4000-8000-000000000001',
      name: 'meta_rule',
      status: 'test',
      level: 'high',
      author: 'Someone',
      date: '2024-01-02',
      references: ['https://example.com/a'],
      tags: ['attack.t1078'],
      falsepositives: ['Admins'],
      fields: ['eventName'],
    });
  });

  it('rejects a duplicate id', () => {
    const doc = (t: string) =>
      `title: ${t}\nid: same\nlogsource: {product: aws}\ndetection: {s: {x: 1}, condition: s}\n`;
    const { rules, errors } = loadRuleText(`${doc('first')}---\n${doc('second')}`);
    expect(rules.map((r) => r.meta.title)).toEqual(['first']);
    expect(errors[0]).toMatchObject({ title: 'second' });
    expect(errors[0]?.reason).toMatch(/already used by "first"/);
  });
});

describe('loadRuleDir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigma-rules-'));
    await mkdir(join(dir, 'aws', 'deep'), { recursive: true });
    const good = (t: string, name: string) =>
      `title: ${t}\nid: ${name}\nlogsource: {product: aws, service: cloudtrail}\ndetection: {s: {eventName: ${name}}, condition: s}\n`;
    await writeFile(join(dir, 'aws', 'good.yml'), good('Good one', 'GoodOne'));
    await writeFile(join(dir, 'aws', 'deep', 'good2.yaml'), good('Good two', 'GoodTwo'));
    await writeFile(
      join(dir, 'aws', 'bad.yml'),
      'title: Bad modifier\nid: bad-1\nlogsource: {product: aws}\ndetection: {s: {"x|bogus": 1}, condition: s}\n',
    );
    await writeFile(join(dir, 'aws', 'broken.yml'), 'title: "unterminated\n');
    await writeFile(join(dir, 'notes.txt'), 'not a rule');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every .yml and .yaml recursively and reports the bad ones by name', async () => {
    const { rules, errors } = await loadRuleDir(dir);
    expect(rules.map((r) => r.meta.title).sort()).toEqual(['Good one', 'Good two']);
    expect(errors).toHaveLength(2);
    const bad = errors.find((e) => e.file.endsWith('bad.yml'));
    expect(bad).toMatchObject({ title: 'Bad modifier', id: 'bad-1', product: 'aws' });
    expect(bad?.reason).toMatch(/unknown modifier "bogus"/);
    expect(errors.find((e) => e.file.endsWith('broken.yml'))?.reason).toMatch(/YAML/);
  });

  it('reports a missing directory instead of throwing', async () => {
    const { rules, errors } = await loadRuleDir(join(dir, 'nope'));
    expect(rules).toEqual([]);
    expect(errors[0]?.reason).toMatch(/cannot read/);
  });

  it('loads a single file path', async () => {
    const { rules } = await loadRuleDir(join(dir, 'aws', 'good.yml'));
    expect(rules).toHaveLength(1);
  });
});
