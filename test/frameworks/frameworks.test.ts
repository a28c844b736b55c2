import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { packagePath } from '../../src/core/package-root.js';
import { summariseFramework } from '../../src/frameworks/compliance.js';
import { renderCoverage } from '../../src/frameworks/coverage.js';
import {
  complianceIndex,
  loadFrameworkFile,
  loadFrameworks,
  validateFramework,
} from '../../src/frameworks/framework.js';
import type { ResultRow } from '../../src/store/store.js';

const known = new Set(ALL_CHECKS.map((c) => c.id));

describe('bundled frameworks', () => {
  const frameworks = loadFrameworks();
  it('load and validate: every check exists, every requirement is mapped or manual', () => {
    expect(frameworks.length).toBeGreaterThan(0);
    for (const f of frameworks) expect(validateFramework(f, known)).toEqual([]);
  });
  it('docs/coverage.md is generated from them and up to date', () => {
    const current = readFileSync(packagePath('docs', 'coverage.md'), 'utf8');
    expect(current, 'run: npx cloudward frameworks coverage --output docs/coverage.md').toBe(
      renderCoverage(frameworks, ALL_CHECKS),
    );
  });
  it('give each mapped check its compliance references', () => {
    expect(complianceIndex(frameworks).get('common.network.no_sensitive_port_open_to_internet')).toContain(
      'cloudward-baseline-1.0:1.1',
    );
  });
});

describe('framework validation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-fw-'));
  const write = (text: string) => {
    const p = join(dir, `f${Math.random()}.yaml`);
    writeFileSync(p, text);
    return p;
  };
  it('reports unknown checks, unmapped and doubly-mapped requirements, unknown sections and duplicates', () => {
    const f = loadFrameworkFile(
      write(`id: t
name: T
version: "1"
sections: [{ id: "1", title: S }]
requirements:
  - { id: "1.1", section: "1", title: a, checks: [common.nope] }
  - { id: "1.2", section: "1", title: b }
  - { id: "1.3", section: "1", title: c, checks: [common.database.tls_enforced], manual: true }
  - { id: "1.3", section: "9", title: d, manual: true }
`),
    );
    const p = validateFramework(f, known);
    expect(p.some((x) => x.includes('(1.1): unknown check "common.nope"'))).toBe(true);
    expect(p.some((x) => x.includes('(1.2): neither mapped to a check nor marked manual'))).toBe(true);
    expect(p.some((x) => x.includes('(1.3): lists checks and is marked manual'))).toBe(true);
    expect(p.some((x) => x.includes('duplicate requirement id'))).toBe(true);
    expect(p.some((x) => x.includes('unknown section "9"'))).toBe(true);
  });
  it('names the file and the path of a schema error', () => {
    const p = write('id: t\nname: T\nversion: "1"\nsections: []\nrequirements: [{ id: 1 }]\n');
    expect(() => loadFrameworkFile(p)).toThrow(
      new RegExp(`${p}: requirements\\[0\\]\\.id: expected a string, got number`),
    );
  });
});

describe('compliance summary', () => {
  const fw = loadFrameworks().find((f) => f.id === 'cloudward-baseline-1.0');
  const row = (check_id: string, status: ResultRow['status']): ResultRow => ({
    finding_id: 'f',
    check_id,
    reference: 'r',
    resource_name: 'n',
    cloud: 'aws',
    account: '1',
    region: 'r',
    status,
    severity: 'high',
    message: 'm',
  });
  it('fails a requirement on any failure, errors it when nothing failed but data was missing', () => {
    if (!fw) throw new Error('baseline framework missing');
    const rows = [
      row('common.network.no_sensitive_port_open_to_internet', 'pass'),
      row('common.network.no_sensitive_port_open_to_internet', 'fail'),
      row('common.database.tls_enforced', 'pass'),
      row('common.database.tls_enforced', 'error'),
      row('common.compute.os_disk_encrypted', 'pass'),
    ];
    const selected = new Set([
      'common.network.no_sensitive_port_open_to_internet',
      'common.database.tls_enforced',
      'common.compute.os_disk_encrypted',
      'common.web.min_tls_version',
    ]);
    const s = summariseFramework(fw, rows, selected);
    const st = Object.fromEntries(s.requirements.map((r) => [r.id, r.status]));
    expect(st).toEqual({
      '1.1': 'fail',
      '1.2': 'manual',
      '2.1': 'error',
      '2.2': 'pass',
      '2.3': 'not_applicable',
      '3.1': 'not_evaluated',
    });
    expect(s.coverage).toBe(40);
  });
});
