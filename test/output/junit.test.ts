import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlEscape } from '../../src/output/junit.js';
import { finding, HOSTILE_NAME, rowOf, sampleInput } from './fixtures.js';

type Obj = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

function parse(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${valid.err.msg} at line ${valid.err.line}`);
  return parser.parse(xml) as { testsuites: Obj & { testsuite: (Obj & { testcase: Obj[] })[] } };
}

describe('JUnit XML export', () => {
  const input = sampleInput();
  const xml = renderJunit(input);
  const doc = parse(xml);
  const suites = doc.testsuites.testsuite;
  const cases = suites.flatMap((s) => s.testcase);

  it('is well-formed XML with a test suite per check and a test case per check and resource', () => {
    const checks = new Set(input.results.map((r) => r.check_id));
    expect(suites.map((s) => s['@name'])).toEqual([...checks, '5f3c1c1e-2b7a-4e59-9a55-0c1d2e3f4a5b']);
    expect(cases).toHaveLength(input.results.length + 1);
    for (const c of cases)
      expect(String(c['@classname'])).toBe(String(suites.find((s) => s.testcase.includes(c))?.['@name']));
  });

  it('fail is a failure, error an error, not applicable skipped, pass an empty case; counts add up', () => {
    const failures = cases.filter((c) => 'failure' in c);
    const errors = cases.filter((c) => 'error' in c);
    const skipped = cases.filter((c) => 'skipped' in c);
    const statuses = input.results.map((r) => r.status);
    // the detection is a failure too
    expect(failures).toHaveLength(statuses.filter((s) => s === 'fail').length + 1);
    expect(errors).toHaveLength(statuses.filter((s) => s === 'error').length);
    for (const e of errors) expect(String((e.error as Obj)['@message'])).toMatch(/^could not evaluate: /);
    expect(skipped).toHaveLength(statuses.filter((s) => s === 'not_applicable' || s === 'manual').length);
    expect(doc.testsuites['@tests']).toBe(String(cases.length));
    expect(doc.testsuites['@failures']).toBe(String(failures.length));
    expect(doc.testsuites['@errors']).toBe(String(errors.length));
    expect(doc.testsuites['@skipped']).toBe(String(skipped.length));
    for (const s of suites) expect(s['@tests']).toBe(String(s.testcase.length));
    expect(doc.testsuites['@time']).toBe('9.500');
  });

  it('keeps attacker-controlled text as text in attributes and bodies', () => {
    const hostile = cases.find((c) => String(c['@name']).includes(HOSTILE_NAME));
    expect(hostile).toBeDefined();
    const failure = hostile?.failure as Obj;
    expect(failure['@message']).toContain('</script><script>alert(3)</script>');
    expect(String(failure['#text'])).toContain('evidence: {"note":"</script><!--"');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script>');
  });

  it('replaces characters XML cannot carry, so the file stays parseable', () => {
    const bad = finding({
      reference: 'arn:aws:s3:::ctl',
      name: 'ctl\u0000\u0007\u001b[31m\ud800end',
      description: 'bell\u0007',
    });
    const out = renderJunit({ ...input, findings: [bad], results: [rowOf(bad)] });
    const parsed = parse(out);
    const c = parsed.testsuites.testsuite[0]?.testcase[0];
    expect(String(c?.['@name'])).toContain('ctl\uFFFD\uFFFD\uFFFD[31m\uFFFDend');
    expect(xmlEscape('a&b<c>"\'')).toBe('a&amp;b&lt;c&gt;&quot;&apos;');
  });

  it('an empty scan is an empty but valid test report', () => {
    const out = parse(renderJunit({ ...input, findings: [], results: [] }));
    expect(out.testsuites['@tests']).toBe('0');
  });

  it('the parser rejects a broken document (malformed input is noticed)', () => {
    expect(() => parse(xml.replace('</testsuites>', ''))).toThrow(/invalid XML/);
    expect(() => parse(xml.replace('<testsuite ', '<testsuite name="a" name="b" '))).toThrow(/invalid XML/);
  });
});
