import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadFrameworks, validateFramework } from '../../src/frameworks/framework.js';

const frameworks = loadFrameworks();
const known = new Set(ALL_CHECKS.map((c) => c.id));
const byId = (id: string) => {
  const fw = frameworks.find((f) => f.id === id);
  if (!fw) throw new Error(`${id} is not bundled`);
  return fw;
};

describe('bundled frameworks', () => {
  it('include every CIS AWS version from 1.4 to 7.0, NIST 800-53 r5, PCI DSS 4.0 and ISO 27001:2022', () => {
    expect(frameworks.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'cis-aws-1.4',
        'cis-aws-1.5',
        'cis-aws-2.0',
        'cis-aws-3.0',
        'cis-aws-4.0',
        'cis-aws-5.0',
        'cis-aws-6.0',
        'cis-aws-7.0',
        'nist-800-53-r5',
        'pci-dss-4.0',
        'iso-27001-2022',
      ]),
    );
  });
});

/** Control ids as each catalogue writes them, each in the section (family, requirement, theme) it belongs to. */
const CATALOGUES = [
  { id: 'nist-800-53-r5', pattern: /^([A-Z]{2})-\d+(\(\d+\))?$/ },
  { id: 'pci-dss-4.0', pattern: /^(\d+)(\.\d+){2,3}$/ },
  { id: 'iso-27001-2022', pattern: /^(A\.[5-8])\.\d+$/ },
];

describe.each(CATALOGUES)('$id', ({ id, pattern }) => {
  const fw = byId(id);
  it('loads and validates: every control maps checks that exist, ids are unique', () => {
    expect(validateFramework(fw, known)).toEqual([]);
    expect(fw.requirements.every((r) => (r.checks?.length ?? 0) > 0)).toBe(true);
  });
  it('uses the catalogue ids, each under its own section', () => {
    for (const r of fw.requirements) {
      const m = pattern.exec(r.id);
      expect(m, r.id).not.toBeNull();
      expect(r.section, r.id).toBe(m?.[1]);
    }
  });
});
