import { renderAsff } from './asff.js';
import { renderComplianceCsv, renderComplianceHtml } from './compliance-report.js';
import { renderCsv, renderJson, renderJsonl } from './formats.js';
import { renderHtmlReport } from './html-report.js';
import { renderJunit } from './junit.js';
import { renderOcsf } from './ocsf.js';
import { orgRollupOf } from './org-report.js';
import type { ReportInput } from './report-data.js';
import { renderSarif } from './sarif.js';

/** Every file format a report can be written in (the terminal table is the scan command's own). */
export const REPORT_FORMATS = [
  'html',
  'json',
  'jsonl',
  'csv',
  'sarif',
  'junit',
  'ocsf',
  'asff',
  'compliance-html',
  'compliance-csv',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  text: string;
  /** what the format could not carry, for the user to see (e.g. non-AWS findings in ASFF) */
  warnings: string[];
}

export interface RenderOptions {
  /** the Security Hub type of a record type, for ASFF (the caller knows the providers' modules) */
  asffResourceType?: (recordType: string) => string | undefined;
}

export function renderReport(
  format: ReportFormat,
  input: ReportInput,
  opts: RenderOptions = {},
): RenderedReport {
  switch (format) {
    case 'html':
      return { text: renderHtmlReport(input), warnings: [] };
    case 'json':
      return {
        text: renderJson(input.scan, input.findings, { by_organisation: orgRollupOf(input) }),
        warnings: [],
      };
    case 'jsonl':
      return { text: renderJsonl(input.findings), warnings: [] };
    case 'csv':
      return { text: renderCsv(input.findings), warnings: [] };
    case 'sarif':
      return { text: renderSarif(input), warnings: [] };
    case 'junit':
      return { text: renderJunit(input), warnings: [] };
    case 'ocsf':
      return { text: renderOcsf(input), warnings: [] };
    case 'asff': {
      const { text, skipped } = renderAsff(
        input,
        opts.asffResourceType ? { resourceType: opts.asffResourceType } : {},
      );
      const warnings = skipped.length
        ? [
            `asff: ${skipped.length} finding(s) left out: ${skipped[0]?.reason}${skipped.length > 1 ? ' (and others)' : ''}`,
          ]
        : [];
      return { text, warnings };
    }
    case 'compliance-html':
      return { text: renderComplianceHtml(input), warnings: complianceWarnings(input) };
    case 'compliance-csv':
      return { text: renderComplianceCsv(input), warnings: complianceWarnings(input) };
  }
}

function complianceWarnings(input: ReportInput): string[] {
  return input.compliance.length === 0
    ? ['no framework maps a check of this scan: the compliance report is empty']
    : [];
}
