import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../core/issues.js';
import { packagePath } from '../core/package-root.js';

const requirementSchema = z
  .object({
    id: z.string().min(1),
    section: z.string().min(1),
    title: z.string().min(1),
    level: z.number().int().optional(),
    checks: z.array(z.string()).optional(),
    manual: z.boolean().optional(),
    /**
     * An automatable control no check implements yet, with the reason: listed so the catalogue is
     * complete, reported as not evaluated, and counted as neither automated nor manual.
     */
    pending: z.string().min(1).optional(),
  })
  .strict();

export const frameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower case letters, digits, dots and dashes'),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    sections: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
    requirements: z.array(requirementSchema).min(1),
  })
  .strict();

export type Framework = z.infer<typeof frameworkSchema> & { file: string };
export type Requirement = z.infer<typeof requirementSchema>;

export function frameworksDir(): string {
  return packagePath('frameworks');
}

/** Parse and schema-check one framework file; errors name the file and the path in it. */
export function loadFrameworkFile(file: string): Framework {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const r = frameworkSchema.safeParse(doc);
  if (!r.success) {
    const why = describeIssues(r.error.issues, doc, { max: Number.POSITIVE_INFINITY });
    throw new Error(`${file}: ${why}`);
  }
  return { ...r.data, file };
}

export function loadFrameworks(dir = frameworksDir()): Framework[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadFrameworkFile(join(dir, f)));
}

/**
 * Cross-references: every named check exists, every requirement is mapped, manual or pending
 * (one of them), ids and sections are consistent. Returns every problem, not just the first.
 */
export function validateFramework(fw: Framework, knownChecks: Set<string>): string[] {
  const problems: string[] = [];
  const sections = new Set(fw.sections.map((s) => s.id));
  const seen = new Set<string>();
  fw.requirements.forEach((req, i) => {
    const where = `${fw.file}: requirements[${i}] (${req.id})`;
    if (seen.has(req.id)) problems.push(`${where}: duplicate requirement id`);
    seen.add(req.id);
    if (!sections.has(req.section)) problems.push(`${where}: unknown section "${req.section}"`);
    const hasChecks = (req.checks?.length ?? 0) > 0;
    if (hasChecks && req.manual) problems.push(`${where}: lists checks and is marked manual`);
    if (req.pending && (hasChecks || req.manual))
      problems.push(`${where}: marked pending but also ${hasChecks ? 'lists checks' : 'marked manual'}`);
    if (!hasChecks && !req.manual && !req.pending)
      problems.push(`${where}: neither mapped to a check nor marked manual (or pending, with the reason)`);
    for (const c of req.checks ?? []) {
      if (!knownChecks.has(c)) problems.push(`${where}: unknown check "${c}"`);
    }
  });
  return problems;
}

/** check id -> compliance references ("<framework>:<requirement>") */
export function complianceIndex(frameworks: Framework[]): Map<string, string[]> {
  const idx = new Map<string, string[]>();
  for (const fw of frameworks) {
    for (const req of fw.requirements) {
      for (const c of req.checks ?? []) {
        const list = idx.get(c) ?? [];
        list.push(`${fw.id}:${req.id}`);
        idx.set(c, list);
      }
    }
  }
  return idx;
}
