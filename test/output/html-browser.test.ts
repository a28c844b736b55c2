import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/output/html-report.js';
import { buildReportInput } from '../../src/output/report-input.js';
import { hasChromium, launch } from '../helpers/browser.js';
import {
  FRAMEWORK,
  HOSTILE_DESCRIPTION,
  HOSTILE_NAME,
  HOSTILE_TAG,
  HOSTILE_TAG_VALUE,
  manyFindings,
  rowOf,
  sampleInput,
  scanSummary,
} from './fixtures.js';

interface Watch {
  dialogs: string[];
  errors: string[];
  requests: string[];
}

async function open(browser: Browser, file: string, timeout = 15_000): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage();
  const watch: Watch = { dialogs: [], errors: [], requests: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) watch.requests.push(r.url());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout });
  return { page, watch };
}

const rowCount = (page: Page) => page.locator('#findings-body tr').count();

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launch();
    dir = mkdtempSync(join(tmpdir(), 'cloudward-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders attacker-controlled text as text: nothing runs, no element is injected', async () => {
    const file = join(dir, 'xss.html');
    writeFileSync(file, renderHtmlReport(sampleInput()));
    const { page, watch } = await open(browser, file);
    // the page script ran (the CSP hash matches) and rendered every finding
    expect(await rowCount(page)).toBe(6);
    const row = page.locator('#findings-body tr', { hasText: HOSTILE_NAME });
    await expect(row.count()).resolves.toBe(1);
    await row.click();
    const detail = page.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    const text = await detail.innerText();
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain(HOSTILE_TAG);
    expect(text).toContain(HOSTILE_TAG_VALUE);
    expect(text).toContain('</script><script>alert(3)</script>');
    expect(HOSTILE_DESCRIPTION).toContain('alert(3)');
    // search by the hostile text, open the scan tab (its error message has markup) and the compliance tab
    await page.keyboard.press('Escape');
    await page.fill('#f-search', '"><script>');
    await expect.poll(() => rowCount(page)).toBe(1);
    await page.click('#tab-scan');
    expect(await page.locator('#view-scan').innerText()).toContain('AccessDenied <b>not bold</b>');
    await page.click('#tab-compliance');
    expect(await page.locator('#view-compliance').innerText()).toContain('Data <protection>');
    // (page.evaluate of a string would itself be refused by the report's CSP: no 'unsafe-eval')
    const injected = {
      img: await page.locator('img').count(),
      scripts: await page.locator('script').count(),
      bold: await page.locator('b').count(),
      jsLinks: await page.locator('a[href^="javascript:"]').count(),
    };
    expect(injected).toEqual({ img: 0, scripts: 2, bold: 0, jsLinks: 0 });
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
    await page.close();
  });

  it('counts what could not be evaluated apart from live findings, with coverage, and filters on result', async () => {
    const file = join(dir, 'verdicts.html');
    const input = sampleInput();
    writeFileSync(file, renderHtmlReport(input));
    const { page, watch } = await open(browser, file);
    const live = input.findings.filter((f) => f.com.state !== 'resolved' && f.com.status !== 'error');
    const errored = input.findings.filter((f) => f.com.state !== 'resolved' && f.com.status === 'error');
    expect(errored.length).toBe(1);
    expect(await page.locator('#live-count').innerText()).toBe(String(live.length));
    expect(await page.locator('#unevaluated-count').innerText()).toBe(String(errored.length));
    const summary = await page.locator('#summary').innerText();
    const n = (status: string) => input.results.filter((r) => r.status === status).length;
    expect(summary).toContain(
      `${n('pass') + n('fail')} results checked: ${n('pass')} passed, ${n('fail')} failed`,
    );
    // the severity card counts live failures only
    const bySeverity = await page.locator('#summary button[data-filter="severity"] strong').allInnerTexts();
    expect(bySeverity.reduce((sum, x) => sum + Number(x), 0)).toBe(live.length);
    await page.click('#unevaluated-count');
    expect(await rowCount(page)).toBe(1);
    expect(await page.locator('#findings-body tr').first().innerText()).toContain('could not evaluate');
    await page.selectOption('#f-result', 'failed');
    expect(await rowCount(page)).toBe(live.length);
    await page.selectOption('#f-result', '');
    expect(await rowCount(page)).toBe(input.findings.length);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('filters by severity, state, cloud and check, sorts, and opens a finding with its evidence', async () => {
    const file = join(dir, 'sample.html');
    writeFileSync(file, renderHtmlReport(sampleInput()));
    const { page, watch } = await open(browser, file);
    await page.selectOption('#f-severity', 'medium');
    expect(await rowCount(page)).toBe(2);
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-cloud', 'azure');
    expect(await page.locator('#findings-body').innerText()).toContain('web-nsg/allow-ssh');
    expect(await rowCount(page)).toBe(1);
    await page.click('#f-clear');
    await page.selectOption('#f-state', 'muted');
    expect(await rowCount(page)).toBe(1);
    await page.locator('#findings-body tr').first().click();
    const detail = await page.locator('#detail').innerText();
    expect(detail).toContain('alice');
    expect(detail).toContain('bastion being replaced');
    await page.keyboard.press('Escape');
    await page.click('#f-clear');
    // sort by resource name, ascending then descending
    await page.click('th[data-sort="resource"]');
    const first = await page.locator('#findings-body tr td:nth-child(4)').first().innerText();
    await page.click('th[data-sort="resource"]');
    const firstDesc = await page.locator('#findings-body tr td:nth-child(4)').first().innerText();
    expect(first).not.toBe(firstDesc);
    expect(await page.getAttribute('th[data-sort="resource"]', 'aria-sort')).toBe('descending');
    // the compliance view filters the findings of a failing requirement
    await page.click('#tab-compliance');
    await page.locator('#view-compliance tr.clickable', { hasText: 'Databases use TLS' }).click();
    expect(await page.locator('#view-findings').isVisible()).toBe(true);
    expect(await rowCount(page)).toBe(1);
    expect(await page.locator('#findings-body').innerText()).toContain('rdbms in eu-west-1');
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('with 100,000 findings it renders one page at a time, filters and pages', async () => {
    const findings = manyFindings(100_000);
    const input = buildReportInput({
      scan: scanSummary(),
      findings,
      results: findings.map(rowOf),
      frameworks: [FRAMEWORK],
    });
    const file = join(dir, 'large.html');
    writeFileSync(file, renderHtmlReport(input));
    const { page, watch } = await open(browser, file, 60_000);
    expect(await rowCount(page)).toBe(50);
    expect(await page.locator('#status-line').innerText()).toContain('of 100,000');
    await page.click('#next');
    expect(await page.locator('#page-label').innerText()).toBe('Page 2 of 2,000');
    expect(await rowCount(page)).toBe(50);
    await page.selectOption('#f-severity', 'critical');
    expect(await page.locator('#status-line').innerText()).toContain('of 20,000 (filtered from 100,000)');
    expect(await rowCount(page)).toBe(50);
    await page.fill('#f-search', 'resource-99995');
    await expect.poll(() => rowCount(page)).toBe(1);
    await page.fill('#f-search', '');
    await expect.poll(() => rowCount(page)).toBe(50);
    await page.selectOption('#f-size', '200');
    expect(await rowCount(page)).toBe(200);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
