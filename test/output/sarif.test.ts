import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif, toSarif } from '../../src/output/sarif.js';
import { HOSTILE_NAME, manyFindings, sampleInput } from './fixtures.js';

/** The official SARIF 2.1.0 JSON schema, as Microsoft's SARIF Multitool package ships it. */
function officialSchema(): object | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json');
    const file = pkg.replace(/package\.json$/, 'sarif-2.1.0.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : null;
  } catch {
    return null;
  }
}

const schema = officialSchema();
if (!schema)
  console.log('skipping SARIF schema validation: @microsoft/sarif-multitool-linux is not installed');

type Obj = Record<string, unknown>;
const at = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Obj)[k] : undefined), o);

describe.skipIf(!schema)('SARIF export against the official 2.1.0 schema', () => {
  const ajv = new Ajv2020Module.default({ allErrors: true, strict: false });
  addFormatsModule.default(ajv);
  const validate = ajv.compile(schema ?? {});
  const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

  it('validates for a scan with fail, error, muted, resolved and detection findings', () => {
    const log = JSON.parse(renderSarif(sampleInput()));
    expect(validate(log), errors().join('\n')).toBe(true);
  });

  it('validates with no findings and no scan', () => {
    expect(validate(toSarif({ ...sampleInput(), findings: [], scan: null })), errors().join('\n')).toBe(true);
  });

  it('validates a large log written compact', () => {
    const input = { ...sampleInput(), findings: manyFindings(6000) };
    const text = renderSarif(input);
    expect(text.split('\n').length).toBeLessThan(5);
    expect(validate(JSON.parse(text)), errors().join('\n')).toBe(true);
  });

  it('the schema catches a broken log (so the checks above mean something)', () => {
    const log = toSarif(sampleInput());
    const run = (log.runs as Obj[])[0] as Obj;
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...run, tool: {} }] })).toBe(false);
    const results = run.results as Obj[];
    expect(validate({ ...log, runs: [{ ...run, results: [{ ...results[0], level: 'fatal' }] }] })).toBe(
      false,
    );
    expect(validate({ ...log, runs: [{ ...run, results: [{ ...results[0], message: {} }] }] })).toBe(false);
  });
});

describe('SARIF mapping', () => {
  const log = toSarif(sampleInput());
  const run = (log.runs as Obj[])[0] as Obj;
  const results = run.results as Obj[];
  const rules = at(run, 'tool.driver.rules') as Obj[];

  it('has a rule per check or detection rule and a result per finding with a logical resource location', () => {
    expect(log.version).toBe('2.1.0');
    expect(rules.map((r) => r.id)).toEqual([
      'common.network.no_sensitive_port_open_to_internet',
      'common.compute.os_disk_encrypted',
      '5f3c1c1e-2b7a-4e59-9a55-0c1d2e3f4a5b',
      // the rule of the result that could not be evaluated (a notification, not a result)
      'common.database.tls_enforced',
    ]);
    // six findings, one of them could not be evaluated
    expect(results).toHaveLength(5);
    for (const r of results) expect(rules[r.ruleIndex as number]?.id).toBe(r.ruleId);
    const hostile = results.find(
      (r) =>
        at(r, 'message.text') ===
        `${HOSTILE_NAME}: bad </script><script>alert(3)</script> <!-- \u2028 \u2029 & done`,
    );
    expect(at(hostile, 'locations')).toEqual([
      {
        logicalLocations: [
          {
            name: HOSTILE_NAME,
            fullyQualifiedName: expect.stringMatching(/^arn:aws:ec2:/),
            kind: 'resource',
          },
        ],
      },
    ]);
    expect(at(rules[0], 'properties.security-severity')).toBe('8.0');
    expect(at(rules[0], 'helpUri')).toMatch(/^https:/);
    expect(at(rules[0], 'help.text')).toContain('revoke-security-group-ingress');
  });

  it('maps lifecycle: resolved is absent, muted is suppressed, and every result is a failure or a pass', () => {
    const byState = (s: string) => results.find((r) => at(r, 'properties.state') === s);
    expect(results.filter((r) => at(r, 'properties.status') === 'error')).toEqual([]);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(['fail', 'pass']));
    expect(byState('resolved')).toMatchObject({ kind: 'pass', level: 'none', baselineState: 'absent' });
    expect(byState('new')).toMatchObject({ kind: 'fail', level: 'error', baselineState: 'new' });
    expect(at(byState('muted'), 'suppressions')).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining('bastion being replaced'),
      },
    ]);
  });

  it('reports collection errors, and the results they left unevaluated, as tool execution notifications', () => {
    const inv = (run.invocations as Obj[])[0];
    const notes = at(inv, 'toolExecutionNotifications') as Obj[];
    expect(notes[0]).toEqual(
      expect.objectContaining({ level: 'error', descriptor: { id: 'aws.rds.db_instance' } }),
    );
    const unevaluated = notes.filter((n) => at(n, 'descriptor.id') === 'cloudward/could-not-evaluate');
    const input = sampleInput();
    const errored = input.findings.filter((f) => f.com.status === 'error' && f.com.state !== 'resolved');
    expect(unevaluated).toHaveLength(errored.length);
    expect(unevaluated[0]).toMatchObject({
      level: 'warning',
      associatedRule: { id: errored[0]?.ext.check_id },
      locations: [
        { logicalLocations: [{ fullyQualifiedName: errored[0]?.com.reference, kind: 'resource' }] },
      ],
    });
    const rules = at(run, 'tool.driver.rules') as Obj[];
    const index = at(unevaluated[0], 'associatedRule.index') as number;
    expect(rules[index]?.id).toBe(errored[0]?.ext.check_id);
    expect(at(run, 'properties.couldNotEvaluate')).toBe(errored.length);
    const n = (status: string) => input.results.filter((r) => r.status === status).length;
    expect(at(run, 'properties.coverage')).toEqual({
      checked: n('pass') + n('fail'),
      passed: n('pass'),
      failed: n('fail'),
      could_not_evaluate: n('error'),
      manual: n('manual'),
      not_applicable: n('not_applicable'),
    });
    expect(n('error')).toBe(1);
    expect(at(run, 'automationDetails.id')).toBe('nightly/20250301T020000000Z');
  });
});
