import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/* `cloudward rules list` of the bundled pack: a table in the terminal's width, every rule named. */

describe('rules list', () => {
  it('fits 80 columns and still names every rule with its id', async () => {
    const r = await runCli(['rules', 'list'], { COLUMNS: '80' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^LOG SOURCE +LEVEL +KIND +RULE$/m);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const json = await runCli(['rules', 'list', '--json']);
    const rules = (JSON.parse(json.stdout) as { rules: { id: string }[] }).rules;
    expect(r.stdout).toContain(`${rules.length} rules`);
    // an id may wrap at its dashes: its start is on the line below the title
    for (const rule of rules.filter((x) => x.id)) expect(r.stdout).toContain(`[${rule.id.split('-')[0]}`);
  });
});
