import { describe, expect, it } from 'vitest';
import { checkById } from '../../src/checks/index.js';
import { runCli } from '../helpers/run-cli.js';

/* `cloudward checks show`: prose and labelled facts wrap to the terminal; commands and links stay whole. */

const ID = 'common.network.no_sensitive_port_open_to_internet';

describe('checks show', () => {
  it('wraps to 80 columns, leaving only commands and links whole', async () => {
    const r = await runCli(['checks', 'show', ID], { COLUMNS: '80' });
    expect(r.code, r.stderr).toBe(0);
    const check = checkById(ID);
    const commands = [
      check?.remediation.cli,
      ...Object.values(check?.remediation.clouds ?? {}).map((f) => f.cli),
    ].flatMap((c) => (c ? c.split('\n') : []));
    const wide = r.stdout.split('\n').filter((l) => l.length > 80);
    for (const line of wide)
      expect(commands.includes(line) || /^ {2}https?:\/\/\S+$/.test(line), line).toBe(true);
    // the prose is all there, rewrapped; the compliance list wraps under its value
    expect(r.stdout.replace(/\n(?! *\n)/g, ' ').replace(/ +/g, ' ')).toContain(check?.risk);
    expect(r.stdout).toMatch(/^compliance {2}\S.*\n {12}\S/m);
  });
});
