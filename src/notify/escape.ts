/*
 * Escaping of attacker-controlled text (resource names, tags, event fields) for each medium.
 * A bucket named `<!channel>` or `<script>` must show as text, never act.
 */

// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides (which can
// make text read differently from what it is).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what it removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(CONTROL, '');
}

/** One line: control characters removed, newlines and tabs turned into spaces. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/[\r\n\t]+/g, ' ');
}

/**
 * Slack mrkdwn: `&`, `<` and `>` are its control characters (links, mentions such as
 * <!channel>, user and channel references) and must be sent as entities.
 */
export function escapeMrkdwn(text: string): string {
  return stripControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Slack inline code span: no formatting and no automatic links inside it. Backticks would
 * end the span early, so they become a look-alike modifier letter.
 */
export function mrkdwnCode(text: string): string {
  const body = escapeMrkdwn(oneLine(text)).replace(/`/g, '\u02cb');
  return body === '' ? '' : `\`${body}\``;
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Adaptive Card text. Attacker text goes only into RichTextBlock text runs, which render no
 * Markdown; `{{` would still start a DATE()/TIME() template function, so it is broken up.
 */
export function adaptiveText(text: string): string {
  return stripControl(text).replace(/\{\{/g, '{\u200b{');
}
