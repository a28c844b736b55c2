import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientScript, REPORT_STYLE } from '../../src/output/html-client.js';
import { FINDING_FIELDS, type HtmlData, MAX_EVIDENCE_CHARS } from '../../src/output/html-data.js';
import { escapeHtml, jsonForScript } from '../../src/output/html-escape.js';
import { renderHtmlReport } from '../../src/output/html-report.js';
import {
  finding,
  HOSTILE_DESCRIPTION,
  HOSTILE_NAME,
  HOSTILE_TAG,
  HOSTILE_TAG_VALUE,
  sampleInput,
} from './fixtures.js';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

function dataBlock(html: string): string {
  const m = /<script type="application\/json" id="cloudward-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m?.[1]) throw new Error('no data block');
  return m[1];
}

const CLIENT_SCRIPT = clientScript();

describe('HTML report', () => {
  const input = sampleInput();
  const html = renderHtmlReport(input);
  // the page without the data block's (escaped) text: what a browser parses as markup
  const markup = html.replace(dataBlock(html), '');

  it('carries no markup from attacker-controlled names, tags, descriptions or evidence', () => {
    for (const bad of [
      HOSTILE_NAME,
      HOSTILE_TAG,
      HOSTILE_TAG_VALUE,
      '</script><script>alert(3)',
      '<!--',
      '<b>not bold</b>',
    ]) {
      expect(html).not.toContain(bad);
    }
    // exactly the two scripts the report ships: the data block and the page script
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(markup).not.toMatch(/<img/i);
    expect(markup).not.toMatch(/on(error|load)=/i);
  });

  it('escapes <, >, & and U+2028/2029 in the data block, which parses back to the original text', () => {
    const block = dataBlock(html);
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(block) as HtmlData;
    const name = FINDING_FIELDS.indexOf('name');
    const desc = FINDING_FIELDS.indexOf('description');
    const tags = FINDING_FIELDS.indexOf('tags');
    const hostile = data.findings.find((f) => f[name] === HOSTILE_NAME);
    expect(hostile?.[desc]).toBe(HOSTILE_DESCRIPTION);
    expect(hostile?.[tags]).toEqual({ [HOSTILE_TAG]: HOSTILE_TAG_VALUE, team: 'platform' });
  });

  it('has a strict Content-Security-Policy allowing only the inline script and style by hash', () => {
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    const csp = (m?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${sha(CLIENT_SCRIPT)}`);
    expect(csp).toContain(`style-src ${sha(REPORT_STYLE)}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // the hash is of exactly the script in the page
    expect(html).toContain(`<script>${CLIENT_SCRIPT}</script>`);
    expect(html).toContain(`<style>${REPORT_STYLE}</style>`);
  });

  it('is self-contained: no external URL is loaded', () => {
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(markup).not.toMatch(/\bsrc=/i);
    expect(markup).not.toMatch(/url\(/i);
  });

  it('the page script uses DOM APIs only, never innerHTML or eval', () => {
    expect(CLIENT_SCRIPT).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
    );
  });

  it('the page script is one classic script compiled from web/report/report-client.ts', () => {
    expect(CLIENT_SCRIPT).toMatch(/^\(function \(\) \{\n'use strict';\n/);
    expect(CLIENT_SCRIPT).not.toMatch(/^\s*(import|export)\b/m);
    expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
    // typed source, not a string: no type annotation survives into the page
    expect(CLIENT_SCRIPT).not.toMatch(/: HTMLElement\b|\bas Row\b/);
  });

  it('embeds the summary data, checks, frameworks and pooled strings', () => {
    const data = JSON.parse(dataBlock(html)) as HtmlData;
    expect(data.findings).toHaveLength(input.findings.length);
    expect(data.fields).toEqual(FINDING_FIELDS);
    expect(data.scan?.id).toBe(input.scan?.id);
    expect(data.frameworks.map((f) => f.id)).toEqual(['test-bench-1.0']);
    expect(data.requirementTitles['test-bench-1.0:2.1']).toBe('Databases use TLS');
    const check = data.checks.find((c) => c.id === 'common.network.no_sensitive_port_open_to_internet');
    expect(check?.remediation.cli).toContain('revoke-security-group-ingress');
    expect(data.checks.find((c) => c.detection)?.title).toBe('CloudTrail logging stopped or deleted');
    // repeated strings are stored once
    expect(data.strings.filter((s) => s === '111122223333')).toHaveLength(1);
  });

  it('cuts very large evidence and says where the rest is', () => {
    const big = sampleInput({
      findings: [
        finding({ reference: 'arn:aws:s3:::big', evidence: { blob: 'x'.repeat(MAX_EVIDENCE_CHARS * 2) } }),
      ],
    });
    const data = JSON.parse(dataBlock(renderHtmlReport(big))) as HtmlData;
    const ev = data.findings.at(-1)?.[FINDING_FIELDS.indexOf('evidence')];
    expect(typeof ev).toBe('string');
    expect(String(ev)).toContain('the JSON export has all of it');
    expect(String(ev).length).toBeLessThan(MAX_EVIDENCE_CHARS + 200);
  });

  it('escapes a hostile title and works without a scan', () => {
    const out = renderHtmlReport({ ...sampleInput(), scan: null }, { title: '<script>alert(5)</script>' });
    expect(out).toContain('<title>&lt;script&gt;alert(5)&lt;/script&gt;</title>');
    expect(out.match(/<script/g)).toHaveLength(2);
  });
});

describe('escaping helpers', () => {
  it('escapeHtml escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('jsonForScript round-trips any string through JSON.parse', () => {
    const s = { v: '</script><!--<script>\u2028\u2029&amp;' };
    const out = jsonForScript(s);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(s);
  });
});
