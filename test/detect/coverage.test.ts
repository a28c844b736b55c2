/**
 * Technique coverage: every rule names the ATT&CK technique it detects, every technique of the catalogues
 * (docs/detection-coverage.yaml) has a rule or says why not, and the tables in docs/detection.md are the
 * generator's output (`cloudward rules coverage --output docs/detection.md` refreshes them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/core/package-root.js';
import {
  type Catalogue,
  coverageProblems,
  coverageRows,
  detectionRuleInfos,
  loadCatalogues,
  type RuleInfo,
  renderCoverage,
  replaceSection,
  updateDetectionDoc,
} from '../../src/detect/coverage.js';
import { builtinRulesDir, loadDetectionRules } from '../../src/detect/detector.js';

const catalogues = loadCatalogues(packagePath('docs', 'detection-coverage.yaml'));
const { rules } = await loadDetectionRules();
const infos = detectionRuleInfos(rules, builtinRulesDir());

describe('coverage of the known techniques', () => {
  it('lists the Stratus Red Team catalogue for AWS, Azure, Entra ID and GCP and the ATT&CK IaaS and Identity Provider techniques', () => {
    const stratus = catalogues.find((c) => c.id === 'stratus')!;
    const platforms = new Set(stratus.techniques.map((t) => t.platform));
    expect([...platforms].sort()).toEqual(['AWS', 'Azure', 'Entra ID', 'GCP']);
    const attack = catalogues.find((c) => c.id === 'attack')!;
    const ids = attack.techniques.map((t) => t.id);
    for (const id of [
      'T1078.004',
      'T1685.002',
      'T1686.001',
      'T1621',
      'T1110.003',
      'T1098.001',
      'T1484.002',
      'T1537',
      'T1496.001',
    ])
      expect(ids).toContain(id);
  });

  it('names no technique ATT&CK v19 revoked, in the catalogue or in a rule tag', () => {
    // T1562 Impair Defenses and its sub-techniques became T1685, T1685.002 and T1686.001.
    const revoked = /^T1562(\.\d{3})?$/;
    const attack = catalogues.find((c) => c.id === 'attack')!;
    expect(attack.techniques.map((t) => t.id).filter((id) => revoked.test(id))).toEqual([]);
    expect(infos.filter((r) => r.attack.some((t) => revoked.test(t))).map((r) => r.file)).toEqual([]);
  });

  it('has no rule without a technique, no technique without a rule or a reason, no stale reason or unknown tag', () => {
    expect(coverageProblems(catalogues, infos)).toEqual([]);
  });

  it('covers every Stratus technique that the activity logs can show', () => {
    const rows = coverageRows(catalogues, infos).filter((r) => r.catalogue === 'stratus');
    const uncovered = rows.filter((r) => r.rules.length === 0).map((r) => r.technique.id);
    expect(uncovered.sort()).toEqual([
      'aws.persistence.cognito-refresh-token-reuse',
      'gcp.discovery.download-instance-metadata',
    ]);
    for (const r of rows.filter((x) => x.rules.length > 0))
      expect(r.tests, r.technique.id).toBeGreaterThan(0);
  });

  it('keeps the generated tables of docs/detection.md current', () => {
    const doc = readFileSync(packagePath('docs', 'detection.md'), 'utf8');
    expect(
      updateDetectionDoc(doc, catalogues, infos) === doc,
      'run: cloudward rules coverage --output docs/detection.md',
    ).toBe(true);
  });
});

describe('the coverage checks', () => {
  const rule = (over: Partial<RuleInfo>): RuleInfo => ({
    key: 'r',
    title: 'R',
    level: 'high',
    kind: 'event',
    file: 'rules/aws/r.yml',
    attack: ['T1098.001'],
    stratus: [],
    failedCalls: 'ignored',
    tests: { match: 2, nomatch: 1 },
    ...over,
  });
  const cat: Catalogue[] = [
    {
      id: 'stratus',
      name: 'S',
      source: 's',
      techniques: [{ id: 'aws.persistence.x', name: 'X', platform: 'AWS' }],
    },
    {
      id: 'attack',
      name: 'A',
      source: 'a',
      techniques: [
        { id: 'T1098', name: 'Account Manipulation' },
        { id: 'T1190', name: 'Exploit', reason: 'not in the logs' },
        { id: 'T1530', name: 'Data from Cloud Storage' },
      ],
    },
  ];

  it('reports each kind of gap', () => {
    const problems = coverageProblems(cat, [
      rule({ file: 'rules/aws/untagged.yml', attack: [] }),
      rule({ file: 'rules/aws/typo.yml', stratus: ['aws.persistence.y'] }),
      rule({ file: 'rules/aws/exploit.yml', attack: ['T1190'] }),
    ]);
    expect(problems).toEqual([
      'rules/aws/untagged.yml: no ATT&CK technique tag (attack.tNNNN)',
      'rules/aws/typo.yml: stratus.aws.persistence.y is not in the Stratus catalogue',
      'stratus aws.persistence.x (X): no rule covers it and no reason is given',
      'attack T1190 (Exploit): covered by rules/aws/exploit.yml but still gives a reason',
      'attack T1530 (Data from Cloud Storage): no rule covers it and no reason is given',
    ]);
  });

  it('counts a parent technique as covered by its sub-techniques and sums their tests', () => {
    const rows = coverageRows(cat, [
      rule({}),
      rule({ file: 'rules/aws/b.yml', tests: { match: 1, nomatch: 1 } }),
    ]);
    const parent = rows.find((r) => r.technique.id === 'T1098')!;
    expect(parent.rules.map((r) => r.file)).toEqual(['rules/aws/r.yml', 'rules/aws/b.yml']);
    expect(parent.tests).toBe(5);
    expect(renderCoverage(cat, [rule({})])).toContain(
      '| T1190 | Exploit |  | **none** | - | not in the logs |',
    );
  });

  it('refuses a document without the generated-section markers', () => {
    expect(() => replaceSection('# no markers', 'coverage', 'x')).toThrow(/markers/);
    expect(replaceSection('a\n<!-- x:start -->\nold\n<!-- x:end -->\nb', 'x', 'new')).toBe(
      'a\n<!-- x:start -->\nnew\n<!-- x:end -->\nb',
    );
  });
});
