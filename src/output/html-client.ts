import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

let script: string | undefined;

/**
 * The HTML report's page script: web/report/report-client.ts, compiled by the build
 * (scripts/report-client.mjs) into dist/report/client.js. Read once, inlined in every report.
 */
export function clientScript(): string {
  if (script === undefined) {
    const file = packagePath('dist', 'report', 'client.js');
    try {
      script = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(
        `${file}: cannot read the report's page script (${(e as NodeJS.ErrnoException).code}); run npm run build`,
      );
    }
  }
  return script;
}

/** The report's style sheet, inlined (and hashed for the Content-Security-Policy). */
export const REPORT_STYLE = `
:root { --fg: #1d2330; --muted: #5b6475; --bg: #f6f7f9; --card: #fff; --line: #dde1e8; --accent: #2156d9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; background: var(--card); border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
nav { display: flex; gap: 4px; padding: 0 24px; background: var(--card); border-bottom: 1px solid var(--line); }
nav button { border: 0; background: none; padding: 10px 14px; font: inherit; cursor: pointer; border-bottom: 2px solid transparent; }
nav button[aria-selected="true"] { border-bottom-color: var(--accent); color: var(--accent); font-weight: 600; }
main { padding: 16px 24px; }
#summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-bottom: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card h3 { margin: 0 0 6px; font-size: 13px; color: var(--muted); font-weight: 600; }
.card ul { list-style: none; margin: 0; padding: 0; }
.card li { margin: 2px 0; }
.big { font-size: 28px; font-weight: 700; margin: 0; }
.note { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
button.link { border: 0; background: none; padding: 0; font: inherit; cursor: pointer; color: inherit; }
button.link:hover strong { text-decoration: underline; }
#filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
#filters select, #filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
#filters input[type="search"] { min-width: 260px; }
.chip { border: 1px solid var(--accent); color: var(--accent); background: #eef3ff; border-radius: 12px; padding: 2px 10px; cursor: pointer; font: inherit; }
#status-line { color: var(--muted); margin: 4px 0 8px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef0f4; font-weight: 600; white-space: nowrap; }
th[data-sort] { cursor: pointer; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
#findings tbody tr { cursor: pointer; }
#findings tbody tr:hover, tr.clickable:hover { background: #f0f4ff; }
tr.clickable { cursor: pointer; }
td.desc { color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#pager { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
#pager button { font: inherit; padding: 4px 10px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.sev-critical { background: #5c0a2e; color: #fff; } .sev-high { background: #c62828; color: #fff; }
.sev-medium { background: #f0a500; color: #222; } .sev-low { background: #2f6fd6; color: #fff; } .sev-info, .sev-other { background: #dde1e8; color: #222; }
.state-new { background: #e3f5e1; color: #17621f; } .state-regressed { background: #fde2e1; color: #9b1c1c; }
.state-open, .state-other { background: #eef0f4; color: #333; } .state-muted, .state-resolved { background: #f3f3f3; color: #777; }
.status-pass { background: #e3f5e1; color: #17621f; } .status-fail { background: #fde2e1; color: #9b1c1c; }
.status-error { background: #fff1d6; color: #7a4b00; margin-left: 6px; } .status-manual { background: #e8ecfa; color: #27408b; }
.status-not_applicable, .status-not_evaluated, .status-other { background: #f3f3f3; color: #666; }
td .status-error { margin-left: 6px; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(640px, 100%); overflow: auto; background: var(--card); border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0,0,0,.12); padding: 16px 20px; }
#detail .close { position: absolute; top: 8px; right: 12px; border: 0; background: none; font-size: 24px; cursor: pointer; }
#detail h2 { margin: 0 32px 8px 0; font-size: 18px; }
#detail h3 { font-size: 14px; margin: 16px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
#detail h4 { font-size: 13px; margin: 8px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
pre { background: #f3f4f7; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 360px; white-space: pre-wrap; overflow-wrap: anywhere; }
.framework { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
.framework h2 { margin: 0 0 4px; font-size: 17px; }
.framework h3 { font-size: 14px; margin: 14px 0 6px; }
.meter { height: 8px; background: #eef0f4; border-radius: 4px; overflow: hidden; max-width: 420px; }
.meter div { height: 100%; background: var(--accent); }
ul.org-tree { list-style: none; margin: 2px 0; padding-left: 1.2em; }
#org-posture > ul.org-tree { padding-left: 0; }
#org-posture summary { cursor: pointer; }
#org-posture table { margin-bottom: 6px; }
[hidden] { display: none !important; }
`;
