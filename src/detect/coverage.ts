/**
 * Detection coverage: which techniques of the public catalogues (Stratus Red Team, MITRE ATT&CK for IaaS and
 * Identity Provider) the rule pack covers, read from the rules' own tags, and the Markdown tables
 * docs/detection.md carries (the rule pack and the coverage), generated, never written by hand.
 *
 * A rule names what it covers in its tags: `attack.t1098.001` (ATT&CK), `stratus.aws.persistence.iam-backdoor-user`
 * (Stratus). A catalogue technique no rule covers must say why (`reason`); a covered one may carry a `note`.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../core/issues.js';
import type { CompiledRule, RuleMeta } from './sigma/types.js';
import { STATEFUL_RULES } from './stateful/index.js';

const techniqueSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  platform: z.string().optional(),
  platforms: z.array(z.string()).optional(),
  reason: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
});
const catalogueSchema = z.strictObject({
  id: z.enum(['stratus', 'attack']),
  name: z.string(),
  source: z.string(),
  scope: z.string().optional(),
  techniques: z.array(techniqueSchema),
});
const fileSchema = z.strictObject({ catalogues: z.array(catalogueSchema) });

export type CatalogueTechnique = z.infer<typeof techniqueSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;

export function loadCatalogues(file: string): Catalogue[] {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues, doc, { max: Number.POSITIVE_INFINITY });
    throw new Error(`${file}: ${issues}`);
  }
  return parsed.data.catalogues;
}

export interface RuleInfo {
  key: string;
  title: string;
  level: string;
  kind: string;
  /** the rule file, relative to the rule pack's parent (rules/aws/x.yml) */
  file: string;
  attack: string[];
  stratus: string[];
  failedCalls: 'detected' | 'ignored' | null;
  tests: { match: number; nomatch: number } | null;
  /** where a built-in detection's tests are (they are code, not a .tests.json beside a rule file) */
  testedIn?: string;
}

const ATTACK_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

function kindOf(rule: CompiledRule): string {
  if (rule.kind === 'correlation') {
    const span = rule.timespanMs ? `, ${formatSpan(rule.timespanMs)}` : '';
    return `${rule.type}${span}`;
  }
  return rule.standalone ? 'event' : 'step';
}

function formatSpan(ms: number): string {
  const min = ms / 60_000;
  return min >= 60 && min % 60 === 0 ? `${min / 60} h` : `${min} min`;
}

function countTests(file: string): RuleInfo['tests'] {
  const tests = join(dirname(file), `${basename(file).replace(/\.ya?ml$/, '')}.tests.json`);
  if (!existsSync(tests)) return null;
  const t = JSON.parse(readFileSync(tests, 'utf8')) as { match?: unknown[]; nomatch?: unknown[] };
  return { match: t.match?.length ?? 0, nomatch: t.nomatch?.length ?? 0 };
}

/** What the report needs of each rule of the pack (one per file; `derived` sub-rules left out). */
export function ruleInfos(rules: readonly CompiledRule[], rulesDir: string): RuleInfo[] {
  const base = dirname(rulesDir);
  return rules
    .filter((r) => r.kind !== 'detection' || !r.derived)
    .map(
      (r): RuleInfo => ({
        ...infoOf(r.meta, r.meta.name ?? r.meta.id ?? r.meta.title, kindOf(r), relative(base, r.meta.file)),
        tests: countTests(r.meta.file),
      }),
    )
    .sort((a, b) => a.file.localeCompare(b.file));
}

function infoOf(meta: RuleMeta, key: string, kind: string, file: string): RuleInfo {
  const tags = meta.tags.map((t) => t.toLowerCase());
  const failed: RuleInfo['failedCalls'] = tags.includes('cloudward.failed_calls.detected')
    ? 'detected'
    : tags.includes('cloudward.failed_calls.ignored')
      ? 'ignored'
      : null;
  return {
    key,
    title: meta.title,
    level: meta.level ?? 'medium',
    kind,
    file,
    attack: tags.flatMap((t) => ATTACK_TAG.exec(t)?.[1]?.toUpperCase() ?? []),
    stratus: tags.filter((t) => t.startsWith('stratus.')).map((t) => t.slice('stratus.'.length)),
    failedCalls: failed,
    tests: null,
  };
}

const STATEFUL_MODULE = /src\/detect\/stateful\/[\w-]+\.ts/;

/** The built-in stateful detections, as the coverage report lists them beside the pack's rules. */
export function statefulRuleInfos(): RuleInfo[] {
  return STATEFUL_RULES.map((meta) => ({
    ...infoOf(meta, meta.id ?? meta.title, 'stateful', STATEFUL_MODULE.exec(meta.file)?.[0] ?? meta.file),
    testedIn: 'test/detect/stateful.test.ts',
  }));
}

/** Every detection the coverage report counts: the pack's rules and the stateful detections. */
export function detectionRuleInfos(rules: readonly CompiledRule[], rulesDir: string): RuleInfo[] {
  return [...ruleInfos(rules, rulesDir), ...statefulRuleInfos()];
}

export interface CoverageRow {
  catalogue: Catalogue['id'];
  technique: CatalogueTechnique;
  rules: RuleInfo[];
  tests: number;
}

/** The rules covering a technique: tagged with it, or (ATT&CK parents) with one of its sub-techniques. */
function covering(catalogue: Catalogue['id'], id: string, infos: readonly RuleInfo[]): RuleInfo[] {
  if (catalogue === 'stratus') return infos.filter((r) => r.stratus.includes(id.toLowerCase()));
  const want = id.toUpperCase();
  const parent = !want.includes('.');
  return infos.filter((r) => r.attack.some((t) => t === want || (parent && t.startsWith(`${want}.`))));
}

export function coverageRows(catalogues: readonly Catalogue[], infos: readonly RuleInfo[]): CoverageRow[] {
  return catalogues.flatMap((c) =>
    c.techniques.map((t) => {
      const rules = covering(c.id, t.id, infos);
      const tests = rules.reduce((n, r) => n + (r.tests ? r.tests.match + r.tests.nomatch : 0), 0);
      return { catalogue: c.id, technique: t, rules, tests };
    }),
  );
}

/** Everything that makes the coverage report wrong or incomplete; empty when it is sound. */
export function coverageProblems(catalogues: readonly Catalogue[], infos: readonly RuleInfo[]): string[] {
  const problems: string[] = [];
  for (const r of infos) {
    if (r.attack.length === 0) problems.push(`${r.file}: no ATT&CK technique tag (attack.tNNNN)`);
  }
  const stratusIds = new Set(
    catalogues.filter((c) => c.id === 'stratus').flatMap((c) => c.techniques.map((t) => t.id.toLowerCase())),
  );
  for (const r of infos) {
    for (const s of r.stratus) {
      if (!stratusIds.has(s)) problems.push(`${r.file}: stratus.${s} is not in the Stratus catalogue`);
    }
  }
  for (const c of catalogues) {
    const seen = new Set<string>();
    for (const t of c.techniques) {
      if (seen.has(t.id)) problems.push(`${c.id} ${t.id}: listed twice`);
      seen.add(t.id);
    }
  }
  for (const row of coverageRows(catalogues, infos)) {
    const where = `${row.catalogue} ${row.technique.id} (${row.technique.name})`;
    if (row.rules.length === 0 && !row.technique.reason)
      problems.push(`${where}: no rule covers it and no reason is given`);
    if (row.rules.length > 0 && row.technique.reason)
      problems.push(
        `${where}: covered by ${row.rules.map((r) => r.file).join(', ')} but still gives a reason`,
      );
  }
  return problems;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function renderRulesTable(infos: readonly RuleInfo[]): string {
  const lines = [
    '| rule | level | kind | failed calls | ATT&CK | file | tests (true / false) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of infos) {
    const tests = r.tests
      ? `${r.tests.match} / ${r.tests.nomatch}`
      : r.testedIn
        ? `in \`${r.testedIn}\``
        : 'none';
    lines.push(
      `| ${cell(r.title)} | ${r.level} | ${r.kind} | ${r.failedCalls ?? '-'} | ${r.attack.join(', ')} | \`${r.file}\` | ${tests} |`,
    );
  }
  return lines.join('\n');
}

export function renderCoverage(catalogues: readonly Catalogue[], infos: readonly RuleInfo[]): string {
  const rows = coverageRows(catalogues, infos);
  const out: string[] = [];
  for (const c of catalogues) {
    const mine = rows.filter((r) => r.catalogue === c.id);
    const covered = mine.filter((r) => r.rules.length > 0).length;
    out.push(`### ${c.name}`, '');
    out.push(`Source: ${c.source}${c.scope ? `. Scope: ${c.scope}` : ''}.`, '');
    out.push(
      `**${covered} of ${mine.length} techniques covered**; ${mine.length - covered} with the reason they are not.`,
      '',
    );
    const platformHeader = c.id === 'stratus' ? 'platform' : 'platforms';
    out.push(`| technique | name | ${platformHeader} | rules | tests | notes |`, '|---|---|---|---|---|---|');
    for (const row of mine) {
      const t = row.technique;
      const platforms = t.platform ?? (t.platforms ?? []).join(', ');
      const rules =
        row.rules.length > 0
          ? row.rules.map((r) => `\`${r.kind === 'stateful' ? r.key : basename(r.file, '.yml')}\``).join(', ')
          : '**none**';
      const note = row.rules.length > 0 ? (t.note ?? '') : (t.reason ?? '');
      out.push(
        `| ${t.id} | ${cell(t.name)} | ${cell(platforms)} | ${rules} | ${row.rules.length > 0 ? row.tests : '-'} | ${cell(note)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`; throws when the markers are missing. */
export function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers ${start} ... ${end} not found`);
  return `${doc.slice(0, i + start.length)}\n${content}\n${doc.slice(j)}`;
}

/** docs/detection.md with its generated sections brought up to date. */
export function updateDetectionDoc(
  doc: string,
  catalogues: readonly Catalogue[],
  infos: readonly RuleInfo[],
): string {
  return replaceSection(
    replaceSection(doc, 'rules', renderRulesTable(infos)),
    'coverage',
    renderCoverage(catalogues, infos),
  );
}
