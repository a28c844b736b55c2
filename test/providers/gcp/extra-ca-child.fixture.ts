// Run in a child process by node-extra-ca.test.ts: the first reads of a scan (the projects the
// credential can see) through the real stack, with the fixture's CA trusted only when
// NODE_EXTRA_CA_CERTS names it, since Node reads that variable once, at startup. The parent
// passes the whole environment (credential file, endpoint overrides). Prints one JSON line.
import { parseGcpProviderConfig } from '../../../src/providers/gcp/config.js';
import { isGcpError } from '../../../src/providers/gcp/errors.js';
import { createGcpTransport } from '../../../src/providers/gcp/index.js';
import { resolveProjects } from '../../../src/providers/gcp/scopes.js';

try {
  const transport = await createGcpTransport(parseGcpProviderConfig({ type: 'gcp', max_attempts: 2 }));
  try {
    const plan = await resolveProjects(transport, { projects: 'all' });
    const caller = await transport.caller();
    process.stdout.write(
      `${JSON.stringify({ ok: true, projects: plan.projects.map((p) => p.name), email: caller.email })}\n`,
    );
  } finally {
    transport.close();
  }
} catch (e) {
  const error = isGcpError(e) ? { kind: e.kind, code: e.code, message: e.message } : { message: String(e) };
  process.stdout.write(`${JSON.stringify({ ok: false, error })}\n`);
}
