import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { loadFrameworks } from '../../../src/frameworks/framework.js';

const CIS = '/work/shared/data/benchmarks/cis';
const VERSIONS = [
  { file: 'cis_7.0_aws.csv', id: 'cis-aws-7.0' },
  { file: 'cis_6.0_aws.csv', id: 'cis-aws-6.0' },
  { file: 'cis_5.0_aws.csv', id: 'cis-aws-5.0' },
  { file: 'cis_4.0_aws.csv', id: 'cis-aws-4.0' },
  { file: 'cis_3.0_aws.csv', id: 'cis-aws-3.0' },
  { file: 'cis_2.0_aws.csv', id: 'cis-aws-2.0' },
  { file: 'cis_1.5_aws.csv', id: 'cis-aws-1.5' },
  { file: 'cis_1.4_aws.csv', id: 'cis-aws-1.4' },
];

/** The benchmark CSV: id, section, title, level, automated, subsection, hint (quoted fields allowed). */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  for (const line of text.trim().split('\n')) {
    const fields: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    fields.push(cur);
    rows.push(fields);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

describe('CIS AWS frameworks', () => {
  const frameworks = loadFrameworks();
  const known = new Set(ALL_CHECKS.map((c) => c.id));

  it('map every AWS requirement to AWS checks that exist', () => {
    for (const { id } of VERSIONS) {
      const fw = frameworks.find((f) => f.id === id);
      expect(fw, id).toBeDefined();
      for (const r of fw?.requirements ?? []) {
        for (const c of r.checks ?? []) {
          expect(known.has(c), `${id} ${r.id}: ${c}`).toBe(true);
          expect(c.startsWith('aws.'), `${id} ${r.id}: ${c}`).toBe(true);
        }
      }
    }
  });

  describe.skipIf(!existsSync(CIS))('against the benchmark control lists', () => {
    if (!existsSync(CIS)) console.log(`skipping: ${CIS} is not present`);
    for (const { file, id } of VERSIONS) {
      it(`${id} lists every control of ${file} with its level, and maps every automated one`, () => {
        const rows = readCsv(readFileSync(join(CIS, file), 'utf8'));
        const seen = new Set<string>();
        // the CSV stores ids as numbers, so a second "1.1" is control 1.10
        const ids = rows.map((r): Record<string, string> => {
          const cid = r.id === '1.1' && seen.has('1.1') ? '1.10' : (r.id as string);
          seen.add(cid);
          return { ...r, id: cid };
        });
        const fw = frameworks.find((f) => f.id === id);
        const byId = new Map((fw?.requirements ?? []).map((r) => [r.id, r]));
        expect([...byId.keys()].sort()).toEqual(ids.map((r) => r.id).sort());
        for (const r of ids) {
          const req = byId.get(r.id ?? '');
          expect(req?.level, `${id} ${r.id} level`).toBe(Number(r.level?.split(' ').pop()));
          if (r.automated === 'true')
            expect(req?.checks?.length ?? 0, `${id} ${r.id} is automated in CIS`).toBeGreaterThan(0);
        }
      });
    }
  });
});
