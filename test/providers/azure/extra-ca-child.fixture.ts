// Run in a child process by node-extra-ca.test.ts: a scan's first read (the subscription list)
// through the real stack, with the CA trusted only if NODE_EXTRA_CA_CERTS names it, since Node
// reads that variable once, at startup. Prints one JSON line.
import { parseAzureProviderConfig } from '../../../src/providers/azure/config.js';
import { isAzureError } from '../../../src/providers/azure/errors.js';
import { createAzureTransport } from '../../../src/providers/azure/index.js';
import { resolveSubscriptions } from '../../../src/providers/azure/scopes.js';

const transport = createAzureTransport(
  parseAzureProviderConfig({ type: 'azure', credential: 'cli', max_attempts: 2 }),
);
try {
  const plan = await resolveSubscriptions(transport, { subscriptions: 'all' });
  process.stdout.write(`${JSON.stringify({ ok: true, names: plan.subscriptions.map((s) => s.name) })}\n`);
} catch (e) {
  const error = isAzureError(e) ? { kind: e.kind, code: e.code, message: e.message } : { message: String(e) };
  process.stdout.write(`${JSON.stringify({ ok: false, error })}\n`);
} finally {
  transport.close();
}
