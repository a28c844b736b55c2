/**
 * The IAM credential report is a CSV document (RFC 4180: comma-separated, optional double
 * quotes, "" inside quotes, CRLF or LF line ends) whose first line names the columns.
 */

export interface ReportRow {
  /** 1-based line of the row in the document */
  line: number;
  fields: Record<string, string>;
}

export interface ReportProblem {
  line: number;
  message: string;
}

/** Split CSV text into records of fields; quoted fields may hold commas and line breaks. */
export function splitCsv(text: string): { fields: string[]; line: number; error?: string }[] {
  const out: { fields: string[]; line: number; error?: string }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let error: string | undefined;
  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank || error) out.push(error ? { fields, line: recordLine, error } : { fields, line: recordLine });
    fields = [];
    field = '';
    afterQuote = false;
    error = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (ch === '"' && field === '' && !afterQuote) {
      quoted = true;
    } else {
      if (afterQuote || ch === '"') error ??= `unexpected character ${JSON.stringify(ch)} in a field`;
      field += ch;
    }
  }
  if (quoted) error ??= 'unterminated quoted field';
  if (field !== '' || fields.length > 0 || error) endRecord();
  return out;
}

/**
 * Parse the report into rows keyed by column name. A malformed row (wrong number of fields,
 * stray quote) becomes a problem naming its line; the other rows are kept.
 */
export function parseCredentialReport(text: string): {
  columns: string[];
  rows: ReportRow[];
  problems: ReportProblem[];
} {
  const records = splitCsv(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header || header.error || header.fields.length < 2 || header.fields[0] !== 'user') {
    throw new Error(
      `credential report: line 1 is not the header (expected columns starting with "user")${header?.error ? `: ${header.error}` : ''}`,
    );
  }
  const columns = header.fields;
  const rows: ReportRow[] = [];
  const problems: ReportProblem[] = [];
  for (const r of records) {
    if (r.error) {
      problems.push({ line: r.line, message: r.error });
    } else if (r.fields.length !== columns.length) {
      problems.push({ line: r.line, message: `expected ${columns.length} fields, got ${r.fields.length}` });
    } else {
      rows.push({
        line: r.line,
        fields: Object.fromEntries(columns.map((c, i) => [c, r.fields[i] as string])),
      });
    }
  }
  return { columns, rows, problems };
}
