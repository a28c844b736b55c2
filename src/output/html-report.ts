import { clientScript, REPORT_STYLE } from './html-client.js';
import { buildHtmlData } from './html-data.js';
import { contentSecurityPolicy, escapeHtml, jsonForScript } from './html-escape.js';
import { orgRollupOf, renderOrgSection } from './org-report.js';
import type { ReportInput } from './report-data.js';

export interface HtmlReportOptions {
  title?: string;
}

/**
 * One self-contained HTML file: the report's data as an escaped JSON block, a page script that
 * renders it a page at a time, inline CSS, and a Content-Security-Policy that allows nothing but
 * that script and style (by hash). It opens from disk with no network.
 */
export function renderHtmlReport(input: ReportInput, opts: HtmlReportOptions = {}): string {
  const scan = input.scan;
  const title =
    opts.title ??
    `${input.tool.name} report${scan ? `: ${scan.audit_key}${scan.label ? ` (${scan.label})` : ''}` : ''}`;
  const script = clientScript();
  const csp = contentSecurityPolicy({ scripts: [script], styles: [REPORT_STYLE] });
  const data = jsonForScript(buildHtmlData(input));
  // a scan of more than one account shows its posture by organisation first
  const rollup = orgRollupOf(input);
  const sortable = (key: string, label: string) =>
    `<th data-sort="${key}" aria-sort="none" scope="col">${label}</th>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p id="scan-info"></p>
</header>
<noscript><p>This report shows its findings with JavaScript. Its data is the JSON in the cloudward-data block of this file.</p></noscript>
<nav role="tablist">
<button type="button" role="tab" id="tab-findings" aria-selected="true">Findings</button>
<button type="button" role="tab" id="tab-compliance" aria-selected="false">Compliance</button>
<button type="button" role="tab" id="tab-scan" aria-selected="false">Scan</button>
</nav>
<main>
<section id="view-findings">
${rollup ? renderOrgSection(rollup) : ''}
<div id="summary"></div>
<div id="filters">
<select id="f-result" aria-label="Result"></select>
<select id="f-severity" aria-label="Severity"></select>
<select id="f-state" aria-label="State"></select>
<select id="f-cloud" aria-label="Cloud"></select>
<select id="f-check" aria-label="Check"></select>
<input type="search" id="f-search" placeholder="Search resource, reference, check, account, tag..." aria-label="Search">
<span id="f-req"></span>
<button type="button" id="f-clear">Clear filters</button>
</div>
<div id="status-line"></div>
<table id="findings">
<thead><tr>${sortable('severity', 'Severity')}${sortable('state', 'State')}${sortable('check', 'Check')}${sortable('resource', 'Resource')}${sortable('account', 'Account')}${sortable('region', 'Region')}<th scope="col">Finding</th></tr></thead>
<tbody id="findings-body"></tbody>
</table>
<div id="pager">
<button type="button" id="prev">Previous</button>
<span id="page-label"></span>
<button type="button" id="next">Next</button>
<label>Rows per page <select id="f-size"><option>25</option><option selected>50</option><option>100</option><option>200</option></select></label>
</div>
</section>
<section id="view-compliance" hidden></section>
<section id="view-scan" hidden></section>
</main>
<aside id="detail" hidden aria-label="Finding detail"></aside>
<script type="application/json" id="cloudward-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}
