import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import type { CompiledDetection, RuleLoadError } from '../../../src/detect/sigma/types.js';

/** Build a rule document from a detection block (indented YAML under `detection:`). */
export function ruleYaml(detection: string, extra = ''): string {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `title: Test rule\nid: test-rule\nlogsource:\n  product: aws\n  service: cloudtrail\n${extra}detection:\n${body}\n`;
}

/** Compile one rule; fails the test with the load error when it does not compile. */
export function compile(detection: string): CompiledDetection {
  const { rules, errors } = loadRuleText(ruleYaml(detection), 'test.yml');
  if (errors.length > 0) throw new Error(`rule did not compile: ${errors.map((e) => e.reason).join('; ')}`);
  const rule = rules[0];
  if (rule?.kind !== 'detection') throw new Error('no detection rule');
  return rule;
}

/** The single load error of a rule that must not compile. */
export function loadError(detection: string): RuleLoadError {
  const { rules, errors } = loadRuleText(ruleYaml(detection), 'bad.yml');
  if (rules.length > 0 || errors.length !== 1) {
    throw new Error(`expected exactly one error, got ${rules.length} rules and ${errors.length} errors`);
  }
  return errors[0]!;
}
