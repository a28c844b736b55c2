import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/core/glob.js';
import {
  adaptiveText,
  escapeHtml,
  escapeMrkdwn,
  mrkdwnCode,
  oneLine,
  stripControl,
} from '../../src/notify/escape.js';
import { parseRetryAfter, scrub } from '../../src/notify/notifier.js';

describe('escaping attacker-controlled text', () => {
  it('Slack: & < > become entities, so no mention, link or user reference can be formed', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <https://evil|x> a&b')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|x&gt; a&amp;b',
    );
  });

  it('Slack code spans cannot be closed early and stay on one line', () => {
    expect(mrkdwnCode('a`b\nc')).toBe('`a\u02cbb c`');
    expect(mrkdwnCode('')).toBe('');
  });

  it('HTML: text and attribute characters are escaped', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('Adaptive Cards: template functions cannot start', () => {
    expect(adaptiveText('{{DATE(2017-02-14T06:00:00Z)}}')).toBe('{\u200b{DATE(2017-02-14T06:00:00Z)}}');
  });

  it('control and bidi override characters are removed; oneLine folds line breaks', () => {
    expect(stripControl('a\u0000b\u001bc\u202ed\te\nf')).toBe('abcd\te\nf');
    expect(oneLine('Subject\r\nBcc: x@evil.test\tz')).toBe('Subject Bcc: x@evil.test z');
  });
});

describe('helpers', () => {
  it('globs: * and ? only, everything else literal', () => {
    expect(globMatch('aws.s3.*', 'aws.s3.bucket_public')).toBe(true);
    expect(globMatch('aws.s3.*', 'aws_s3_x')).toBe(false);
    expect(globMatch('sg-????', 'sg-1234')).toBe(true);
    expect(globMatch('a+b(c)', 'a+b(c)')).toBe(true);
    expect(globMatch('[ab]', 'a')).toBe(false);
  });

  it('Retry-After as seconds or an HTTP date; garbage is ignored', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2030 00:01:00 GMT', Date.parse('2030-01-01T00:00:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('scrub removes secrets and URL paths and queries from messages', () => {
    const url = 'https://prod.example.test/workflows/abc/triggers/manual/paths/invoke?sig=TOPSECRET';
    const out = scrub(
      `failed POST ${url}; also /workflows/abc/triggers/manual/paths/invoke and pw hunter22`,
      [url, 'hunter22'],
    );
    expect(out).not.toContain('TOPSECRET');
    expect(out).not.toContain('/workflows/abc');
    expect(out).not.toContain('hunter22');
  });
});
