import { checkById } from '../../checks/index.js';
import {
  type FrameworkSummary,
  type RequirementResult,
  type RequirementStatus,
  summariseFramework,
} from '../../frameworks/compliance.js';
import type { Framework } from '../../frameworks/framework.js';
import type { ResultRow } from '../../store/store.js';
import { auditOf, resultsOf, type ScanView, type ServerContext, viewOf } from '../context.js';
import { type ApiRequest, notFound } from '../http.js';
import { scanRef } from './inventory.js';

type Totals = Record<RequirementStatus, number>;

const zero = (): Totals => ({ pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0, not_evaluated: 0 });

export interface SectionSummary {
  id: string;
  title: string;
  totals: Totals;
  requirements: RequirementResult[];
}

export interface FrameworkView {
  id: string;
  name: string;
  version: string;
  description: string | null;
  totals: Totals;
  coverage: number;
  sections: SectionSummary[];
}

function frameworkView(fw: Framework, sum: FrameworkSummary): FrameworkView {
  return {
    id: fw.id,
    name: fw.name,
    version: fw.version,
    description: fw.description ?? null,
    totals: sum.totals,
    coverage: sum.coverage,
    sections: fw.sections.map((s) => {
      const requirements = sum.requirements.filter((r) => r.section === s.id);
      const totals = zero();
      for (const r of requirements) totals[r.status] += 1;
      return { id: s.id, title: s.title, totals, requirements };
    }),
  };
}

async function summaries(ctx: ServerContext, view: ScanView | null): Promise<FrameworkView[]> {
  const rows: ResultRow[] = view ? await resultsOf(ctx, view) : [];
  // the checks this scan ran: a requirement whose checks were not run is "not evaluated"
  const selected = new Set(rows.map((r) => r.check_id));
  return ctx.frameworks.map((fw) => frameworkView(fw, summariseFramework(fw, rows, selected)));
}

export async function complianceList(req: ApiRequest, ctx: ServerContext) {
  const audit = await auditOf(req.query, ctx);
  const view = await viewOf(req.query, ctx, audit);
  const all = await summaries(ctx, view);
  return {
    audit,
    scan: scanRef(view?.scan ?? null),
    frameworks: all.map((f) => ({ ...f, sections: f.sections.map(({ requirements: _r, ...s }) => s) })),
  };
}

export async function complianceFramework(req: ApiRequest, ctx: ServerContext) {
  const audit = await auditOf(req.query, ctx);
  const view = await viewOf(req.query, ctx, audit);
  const id = req.params.framework ?? '';
  const fw = (await summaries(ctx, view)).find((f) => f.id === id);
  if (!fw) throw notFound(`no framework has the id "${id}"`);
  return { audit, scan: scanRef(view?.scan ?? null), framework: fw };
}

/** One requirement: its checks and every resource that failed (or could not be evaluated) in the scan. */
export async function complianceRequirement(req: ApiRequest, ctx: ServerContext) {
  const audit = await auditOf(req.query, ctx);
  const view = await viewOf(req.query, ctx, audit);
  const fwId = req.params.framework ?? '';
  const reqId = req.params.requirement ?? '';
  const fw = ctx.frameworks.find((f) => f.id === fwId);
  if (!fw) throw notFound(`no framework has the id "${fwId}"`);
  const requirement = fw.requirements.find((r) => r.id === reqId);
  if (!requirement) throw notFound(`framework ${fwId} has no requirement "${reqId}"`);
  const rows = view ? await resultsOf(ctx, view) : [];
  const checks = new Set(requirement.checks ?? []);
  const mine = rows.filter((r) => checks.has(r.check_id));
  const result = frameworkView(fw, summariseFramework(fw, rows, new Set(rows.map((r) => r.check_id))))
    .sections.flatMap((s) => s.requirements)
    .find((r) => r.id === reqId);
  return {
    audit,
    scan: scanRef(view?.scan ?? null),
    framework: { id: fw.id, name: fw.name, version: fw.version },
    requirement: {
      ...requirement,
      section_title: fw.sections.find((s) => s.id === requirement.section)?.title ?? null,
      status: result?.status ?? 'not_evaluated',
      counts: result?.counts ?? null,
    },
    checks: [...checks].map((c) => {
      const meta = checkById(c);
      return { id: c, title: meta?.title ?? c, severity: meta?.severity ?? null };
    }),
    failing: mine.filter((r) => r.status === 'fail'),
    /** results that could not be evaluated: not failures, shown apart */
    could_not_evaluate: mine.filter((r) => r.status === 'error'),
    passing: mine.filter((r) => r.status === 'pass').length,
  };
}
