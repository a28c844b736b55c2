import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findingId } from '../../src/core/ids.js';
import type { Logger } from '../../src/core/logger.js';
import type { FindingRecord, FindingState } from '../../src/core/record.js';
import type { Severity } from '../../src/core/severity.js';
import type { Alert, AlertItem } from '../../src/notify/alert.js';

export interface FindingOpts {
  check?: string;
  reference?: string;
  name?: string;
  state?: FindingState;
  severity?: Severity;
  cloud?: 'aws' | 'azure' | 'gcp' | 'demo';
  account?: string;
  region?: string;
  tags?: Record<string, string>;
  description?: string;
  detection?: { rule_id: string; rule_title: string; actor?: string; source_ip?: string };
}

export function finding(o: FindingOpts = {}): FindingRecord {
  const check = o.check ?? 'aws.s3.bucket_public_access_blocked';
  const reference = o.reference ?? 'arn:aws:s3:::data-bucket';
  const det = o.detection;
  return {
    raw: {},
    ext: {
      record_type: det ? 'detection' : 'finding',
      check_id: det ? det.rule_id : check,
      check_title: det ? det.rule_title : 'S3 bucket blocks public access',
      resource_record_type: 'aws.s3.bucket',
      ...(det ? { rule_id: det.rule_id, rule_title: det.rule_title } : {}),
    },
    com: {
      cloud_type: o.cloud ?? 'aws',
      record_type: 'storage_public_access_event',
      reference,
      name: o.name ?? reference.split(':').at(-1) ?? reference,
      account: o.account ?? '111122223333',
      region: o.region ?? 'eu-west-1',
      service: 's3',
      tags: o.tags ?? {},
      description: o.description ?? `Bucket ${o.name ?? 'data-bucket'} does not block public access`,
      recommendation: 'Turn on S3 Block Public Access for the bucket.',
      severity: o.severity ?? 'high',
      status: 'fail',
      compliance: ['cis-aws-7.0:2.1.4'],
      finding_id: findingId(det ? det.rule_id : check, reference),
      state: o.state ?? 'new',
      first_seen: '2030-01-01T00:00:00.000Z',
      last_seen: '2030-01-01T00:00:00.000Z',
      origin_key: det ? det.rule_id : check,
      origin_type: det ? 'detection' : 'check',
      ...(det?.actor ? { actor: det.actor } : {}),
      ...(det?.source_ip ? { source_ip: det.source_ip } : {}),
    },
  };
}

export function item(o: Partial<AlertItem> = {}): AlertItem {
  return {
    finding_id: 'f'.repeat(32),
    event: 'new',
    origin: 'check',
    severity: 'high',
    rule_id: 'aws.s3.bucket_public_access_blocked',
    title: 'S3 bucket blocks public access',
    description: 'Bucket data-bucket does not block public access',
    recommendation: 'Turn on S3 Block Public Access.',
    cloud: 'aws',
    account: '111122223333',
    region: 'eu-west-1',
    service: 's3',
    reference: 'arn:aws:s3:::data-bucket',
    name: 'data-bucket',
    compliance: ['cis-aws-7.0:2.1.4'],
    first_seen: '2030-01-01T00:00:00.000Z',
    last_seen: '2030-01-01T00:00:00.000Z',
    ...o,
  };
}

export function alert(items: AlertItem[], o: Partial<Alert> = {}): Alert {
  return {
    id: '6f1c2b1e-0000-4000-8000-000000000001',
    notifier: 'test',
    source: 'nightly',
    created_at: '2030-01-01T00:00:00.000Z',
    digest: items.length > 1,
    items,
    ...o,
  };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An HTTP receiver on 127.0.0.1 that records every request and answers from a script. */
export class Receiver {
  readonly received: Received[] = [];
  private script: Reply[] = [];
  private server: Server;
  fallback: Reply = { status: 200, body: 'ok' };
  /** called on each request before it is answered; return false to leave it unanswered */
  onRequest?: (r: Received) => boolean;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r: Received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(r);
        if (this.onRequest && !this.onRequest(r)) return;
        const reply = this.script.shift() ?? this.fallback;
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
      });
    });
  }

  /** the next requests get these answers, in order; then the fallback */
  answer(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook/s3cr3t-path`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  json(i: number): Record<string, unknown> {
    const r = this.received[i];
    if (!r) throw new Error(`no request ${i} (got ${this.received.length})`);
    return JSON.parse(r.body) as Record<string, unknown>;
  }
}

/** A clock that moves only when the code under test sleeps: retries without waiting. */
export class VirtualClock {
  readonly sleeps: number[] = [];
  constructor(private t = Date.parse('2030-01-01T00:00:00.000Z')) {}
  now = () => new Date(this.t);
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.t += ms;
  };
  advance(ms: number) {
    this.t += ms;
  }
}

export interface LogLine {
  level: string;
  msg: string;
  fields?: object;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (msg: string, fields?: object) => {
    lines.push({ level, msg, ...(fields ? { fields } : {}) });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
