/*
 * An alert sender run as its own process by crash.test.ts, which kills it with SIGKILL.
 * Run: node --import ./test/store/ts-loader/register.mjs test/notify/outbox-child.fixture.ts <mode> <db> <url>
 *   enqueue:          records one alert for a webhook notifier; prints "enqueued <id>"
 *   enqueue-deliver:  records it and delivers it; prints "enqueued <id>", then "delivered <n>"
 * Then it idles until killed. Not a test file: vitest's include pattern does not match it.
 */

import { notifierOptionsSchema, type WebhookOptions } from '../../src/config/notifier-options.js';
import { findingId } from '../../src/core/ids.js';
import type { FindingRecord } from '../../src/core/record.js';
import { deliver } from '../../src/notify/deliver.js';
import { enqueueAlerts } from '../../src/notify/enqueue.js';
import { webhookNotifier } from '../../src/notify/webhook.js';
import { openSqliteOutbox } from '../../src/store/sqlite-outbox.js';

const [mode, dbPath, url] = process.argv.slice(2);
if (!dbPath || !url || (mode !== 'enqueue' && mode !== 'enqueue-deliver')) {
  process.stderr.write('usage: outbox-child.fixture.ts enqueue|enqueue-deliver <db> <url>\n');
  process.exit(2);
}

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const options = notifierOptionsSchema.parse({ type: 'webhook', url, secret: 'crash-test-secret-0123456789' });
const reference = 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123';
const finding: FindingRecord = {
  raw: {},
  ext: {
    record_type: 'finding',
    check_id: 'common.network.no_sensitive_port_open_to_internet',
    check_title: 'No sensitive port open to the internet',
    resource_record_type: 'aws.ec2.security_group',
  },
  com: {
    cloud_type: 'aws',
    record_type: 'firewall_rule_event',
    reference,
    name: 'sg-0123',
    account: '111122223333',
    region: 'eu-west-1',
    service: 'ec2',
    tags: {},
    description: 'Port 22 is open to 0.0.0.0/0',
    recommendation: 'Restrict the rule to known addresses.',
    severity: 'high',
    status: 'fail',
    compliance: [],
    finding_id: findingId('common.network.no_sensitive_port_open_to_internet', reference),
    state: 'new',
    first_seen: '2030-01-01T00:00:00.000Z',
    last_seen: '2030-01-01T00:00:00.000Z',
    origin_key: 'common.network.no_sensitive_port_open_to_internet',
    origin_type: 'check',
  },
};

const outbox = await openSqliteOutbox(dbPath);
await enqueueAlerts([finding], {
  source: 'nightly',
  notify: ['siem'],
  notifiers: { siem: options },
  outbox,
  logger,
});
const stats = await outbox.stats();
process.stdout.write(`enqueued ${stats.pending}\n`);
if (mode === 'enqueue-deliver') {
  const report = await deliver(
    outbox,
    new Map([['siem', webhookNotifier('siem', options as WebhookOptions)]]),
    {
      logger,
    },
  );
  process.stdout.write(`delivered ${report.delivered}\n`);
}
setInterval(() => {}, 60_000);
