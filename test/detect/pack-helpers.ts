import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findingRecordSchema } from '../../src/core/record.js';
import { builtinRulesDir, DetectionPipeline } from '../../src/detect/detector.js';
import type { EventRecord } from '../../src/detect/event.js';
import { ruleView } from '../../src/detect/rule-view.js';
import { type CompiledRule, ruleKey } from '../../src/detect/sigma/types.js';
import {
  azureActivityFormat,
  cloudTrailFormat,
  entraFormat,
  gcpAuditFormat,
  type LogFormat,
  type SourceType,
  vpcFlowFormat,
} from '../../src/detect/sources/index.js';
import { ProblemLog } from '../../src/detect/sources/source.js';

/** One test event as the log holds it: a JSON object, or a flow log line. */
export type TestEvent = Record<string, unknown> | string;
/** A case: one event, or a sequence of events (correlations). */
export type TestCase = TestEvent | TestEvent[];
export interface RuleTests {
  match: TestCase[];
  nomatch: TestCase[];
}

export const RULES_DIR = builtinRulesDir();

/** The pack's folders and the log reader their test events go through. */
export const FOLDERS: Record<string, { type: SourceType; format: LogFormat }> = {
  aws: { type: 'cloudtrail', format: cloudTrailFormat },
  azure: { type: 'azure_activity', format: azureActivityFormat },
  gcp: { type: 'gcp_audit', format: gcpAuditFormat },
  entra: { type: 'entra_id', format: entraFormat },
  vpcflow: { type: 'vpcflow', format: vpcFlowFormat() },
};

export interface RuleFile {
  folder: string;
  file: string;
  testsFile: string;
}

export const ruleFiles: RuleFile[] = Object.keys(FOLDERS).flatMap((folder) =>
  readdirSync(join(RULES_DIR, folder))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => ({
      folder,
      file: join(RULES_DIR, folder, f),
      testsFile: join(RULES_DIR, folder, `${basename(f, '.yml')}.tests.json`),
    })),
);

export function readTests(testsFile: string): RuleTests | undefined {
  return existsSync(testsFile) ? (JSON.parse(readFileSync(testsFile, 'utf8')) as RuleTests) : undefined;
}

/** Parse events with the source's own reader, failing on any problem it reports. */
export function toEvents(format: LogFormat, events: readonly TestEvent[], file: string): EventRecord[] {
  const log = new ProblemLog();
  const ctx = { file, origin: 'test', log };
  const out = events.flatMap((e, i) =>
    format.readMessage(typeof e === 'string' ? e : JSON.stringify(e), ctx, { line: i + 1 }),
  );
  if (log.problems.length > 0) throw new Error(`${file}: ${log.problems.map((p) => p.reason).join('; ')}`);
  if (out.length !== events.length)
    throw new Error(`${file}: ${events.length - out.length} events were skipped`);
  return out;
}

/**
 * Does the rule fire on this case, with the whole pack loaded as `detect` loads it? A step of a
 * correlation raises nothing itself, so its matcher is tested.
 */
export function fires(
  rules: readonly CompiledRule[],
  rule: CompiledRule,
  folder: string,
  c: TestCase,
  where: string,
): boolean {
  const { type, format } = FOLDERS[folder]!;
  const events = toEvents(format, Array.isArray(c) ? c : [c], where);
  if (rule.kind === 'detection' && !rule.standalone) return events.some((e) => rule.match(ruleView(e)));
  const pipeline = new DetectionPipeline(rules, type);
  const found = [...events.flatMap((e) => pipeline.process(e)), ...pipeline.flush()];
  for (const f of found) findingRecordSchema.parse(f);
  const id = ruleKey(rule.meta);
  return found.some((f) => f.ext.check_id === id);
}
