import { describe, expect, it } from 'vitest';
import { parseCredentialReport, splitCsv } from '../../../src/providers/aws/credential-report.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT =
  '<root_account>,arn:aws:iam::111122223333:root,2019-03-01T10:00:00+00:00,not_supported,2024-05-02T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE =
  'alice,arn:aws:iam::111122223333:user/alice,2021-01-01T00:00:00+00:00,true,no_information,2021-01-01T00:00:00+00:00,N/A,false,true,2021-01-01T00:00:00+00:00,2024-04-30T12:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

describe('credential report CSV', () => {
  it('parses rows into column -> value maps, CRLF or LF', () => {
    const { columns, rows, problems } = parseCredentialReport(`${HEADER}\r\n${ROOT}\r\n${ALICE}\n`);
    expect(columns).toHaveLength(22);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.fields.user)).toEqual(['<root_account>', 'alice']);
    expect(rows[0]?.fields.mfa_active).toBe('true');
    expect(rows[1]?.fields.access_key_1_last_used_service).toBe('s3');
    expect(rows[1]?.line).toBe(3);
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(splitCsv('a,"b,c","say ""hi""","two\nlines"\nx,y,z,w').map((r) => r.fields)).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('reports a row with the wrong number of fields by line and keeps the others', () => {
    const { rows, problems } = parseCredentialReport(
      `${HEADER}\n${ROOT}\nbob,arn:aws:iam::1:user/bob,true\n${ALICE}`,
    );
    expect(rows.map((r) => r.fields.user)).toEqual(['<root_account>', 'alice']);
    expect(problems).toEqual([{ line: 3, message: 'expected 22 fields, got 3' }]);
  });

  it('reports stray and unterminated quotes', () => {
    expect(splitCsv('a,b"c\n')[0]?.error).toMatch(/unexpected character/);
    expect(splitCsv('a,"bc\n')[0]?.error).toBe('unterminated quoted field');
    expect(splitCsv('"a"x,b')[0]?.error).toMatch(/unexpected character "x"/);
  });

  it('refuses a document without the header line', () => {
    expect(() => parseCredentialReport('')).toThrow(/line 1 is not the header/);
    expect(() => parseCredentialReport(`${ROOT}\n`)).toThrow(/line 1 is not the header/);
    expect(() => parseCredentialReport('<html>Service Unavailable</html>')).toThrow(/header/);
  });

  it('ignores blank lines and a byte-order mark', () => {
    const { rows } = parseCredentialReport(`\uFEFF${HEADER}\n\n${ROOT}\n\n`);
    expect(rows).toHaveLength(1);
  });
});
