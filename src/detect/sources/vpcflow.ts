import { createHash } from 'node:crypto';
import type { EventOutcome, EventRecord } from '../event.js';
import { parseIp } from '../sigma/cidr.js';
import { FieldError, isObj } from './fields.js';
import { convert, type LogFormat, type Position, type ReadContext } from './format.js';
import { readJsonRecords } from './json-records.js';
import { splitLines } from './lines.js';

/**
 * AWS VPC flow log records: space-separated fields, `-` for "no value". The default format is
 * version 2's 14 fields; custom formats (versions 3 to 8 fields, in any order) are named by the
 * header line that S3 delivery writes at the top of each file, or by `format` for CloudWatch
 * Logs delivery, which has no header. Without either, records shaped as the default format are
 * read as it; others are reported, asking for the format.
 *
 * CloudWatch Logs copies are unwrapped: a line {"message": "..."} (Firehose), the JSON that
 * `aws logs filter-log-events` prints ({"events": [{"message": ...}]}), and the lines of an
 * export task to S3, which start with the event's ISO 8601 timestamp before the message.
 */

export const VPC_FLOW_RECORD_TYPE = 'aws.vpcflow.record';

export const VPC_FLOW_V2_FIELDS = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
] as const;

/** Fields AWS documents for versions 2 to 8; used to recognise header lines. */
const KNOWN_FIELDS = new Set<string>([
  ...VPC_FLOW_V2_FIELDS,
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  'ecs-cluster-arn',
  'ecs-cluster-name',
  'ecs-container-instance-arn',
  'ecs-container-instance-id',
  'ecs-container-id',
  'ecs-second-container-id',
  'ecs-service-name',
  'ecs-task-definition-arn',
  'ecs-task-arn',
  'ecs-task-id',
  'reject-reason',
  'resource-type',
  'tgw-id',
  'tgw-attachment-id',
  'tgw-src-vpc-account-id',
  'tgw-dst-vpc-account-id',
  'tgw-src-vpc-id',
  'tgw-dst-vpc-id',
  'tgw-src-subnet-id',
  'tgw-dst-subnet-id',
  'tgw-src-eni',
  'tgw-dst-eni',
  'tgw-src-az-id',
  'tgw-dst-az-id',
  'tgw-pair-attachment-id',
  'packets-lost-no-route',
  'packets-lost-blackhole',
  'packets-lost-mtu-exceeded',
  'packets-lost-ttl-expired',
]);

/** Fields whose values are integers; parsed into ext under snake_case names. */
const NUMERIC_FIELDS = new Set([
  'version',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'tcp-flags',
  'traffic-path',
  'packets-lost-no-route',
  'packets-lost-blackhole',
  'packets-lost-mtu-exceeded',
  'packets-lost-ttl-expired',
]);

const FIELD_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Field names of a format: "${version} ${account-id} ..." as in the flow log's LogFormat, or the
 * plain names of a header line. Throws naming the bad token.
 */
export function parseFlowFormat(format: string): string[] {
  if (!format.trim()) throw new Error('VPC flow log format is empty');
  const names = format
    .trim()
    .split(/\s+/)
    .map((t) => t.replace(/^\$\{(.*)\}$/, '$1'));
  for (const n of names) {
    if (!FIELD_NAME.test(n)) throw new Error(`VPC flow log format: ${JSON.stringify(n)} is not a field name`);
  }
  return names;
}

function isHeader(tokens: string[]): boolean {
  let known = 0;
  for (const t of tokens) {
    if (!FIELD_NAME.test(t)) return false;
    if (KNOWN_FIELDS.has(t)) known += 1;
  }
  return known * 2 >= tokens.length;
}

const ACTIONS = new Set(['ACCEPT', 'REJECT', '-']);
const LOG_STATUSES = new Set(['OK', 'NODATA', 'SKIPDATA']);

/**
 * Whether a header-less record has the default format's shape: 14 fields, version 2, an account,
 * a network interface, an action and a log status where the default format has them. The numbers
 * are left to the field checks, so that a bad number is reported as that, not as an unknown format.
 */
function isDefaultShaped(tokens: readonly string[]): boolean {
  return (
    tokens.length === VPC_FLOW_V2_FIELDS.length &&
    tokens[0] === '2' &&
    /^(?:\d+|unknown|-)$/.test(tokens[1] as string) &&
    /^(?:eni-[0-9a-z]+|-)$/.test(tokens[2] as string) &&
    ACTIONS.has(tokens[12] as string) &&
    LOG_STATUSES.has(tokens[13] as string)
  );
}

/** The ISO 8601 timestamp a CloudWatch Logs export to S3 writes before each event's message. */
const EXPORT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z\s+/;

/**
 * The objects a CloudWatch Logs export task writes to S3, `<prefix>/<task id>/<log stream>/000000.gz`,
 * `000001.gz`, ...: gzip text, each line an event's timestamp and message. A directory walk reads them
 * besides the suffixes. (S3 delivery names text files `<account>_vpcflowlogs_<region>_<flow log id>_
 * <yyyymmddThhmmZ>_<hash>.log.gz`, which `.log.gz` reads, and Parquet ones `.log.parquet`, not read.)
 */
export const CLOUDWATCH_EXPORT_NAME = /^\d+\.gz$/;

/** Account and region from a delivery path: AWSLogs/<account>/vpcflowlogs/<region>/... */
const TREE = /AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/vpcflowlogs\/([a-z0-9-]+)\//;

function outcomeOf(action: string | null): EventOutcome {
  if (action === 'ACCEPT') return 'success';
  if (action === 'REJECT') return 'failure';
  return 'unknown';
}

/**
 * Whether both addresses are IPv6 and share their first 56 bits. AWS gives a VPC one IPv6 /56
 * (Amazon-provided or from a BYOIP pool) and its subnets /64s inside it, so two such addresses are in
 * the same VPC. VPC IPv6 addresses are global unicast: without this, traffic between two instances of
 * a dual-stack VPC looks like traffic from the internet. IPv4-mapped addresses (::ffff:a.b.c.d) are
 * IPv4 and never count.
 */
export function sameVpcIpv6(src: string | null, dst: string | null): boolean {
  if (src === null || dst === null || !src.includes(':') || !dst.includes(':')) return false;
  const a = parseIp(src);
  const b = parseIp(dst);
  if (!a || !b || a.v4 || b.v4 || isV4Mapped(a.bytes) || isV4Mapped(b.bytes)) return false;
  for (let i = 0; i < 7; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

function isV4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * Derived, not a field of the log line: kept in `ext.derived`, where rules see it beside `raw` (which
 * stays what the log said). Its snake_case name cannot be one of AWS's field names, which are lower
 * case with hyphens (a format or header cannot name it: FIELD_NAME has no underscore), so no record's
 * own field hides it.
 */
export const SAME_VPC_IPV6 = 'same_vpc_ipv6';

function snake(name: string): string {
  return name.replace(/-/g, '_');
}

/** One flow record line, with the field names that apply, as an event. */
export function flowRecordEvent(
  line: string,
  fields: readonly string[],
  ctx: ReadContext,
  position: Position,
): EventRecord {
  const tokens = line.split(/\s+/);
  if (tokens.length !== fields.length) {
    throw new FieldError(
      `expected ${fields.length} fields (${fields.slice(0, 3).join(' ')} ...), found ${tokens.length}`,
    );
  }
  const raw: Record<string, string | null> = {};
  const ext: Record<string, unknown> = {
    record_type: VPC_FLOW_RECORD_TYPE,
    source: { file: ctx.file, ...position },
  };
  for (let i = 0; i < fields.length; i++) {
    const name = fields[i] as string;
    const token = tokens[i] as string;
    const value = token === '-' ? null : token;
    raw[name] = value;
    if (NUMERIC_FIELDS.has(name)) {
      if (value === null) {
        ext[snake(name)] = null;
      } else {
        if (!/^\d+$/.test(value))
          throw new FieldError(`${name}: expected a number, found ${JSON.stringify(value)}`);
        ext[snake(name)] = Number(value);
      }
    }
  }
  const start = (ext.start as number | null | undefined) ?? (ext.end as number | null | undefined);
  if (start === null || start === undefined) throw new FieldError('no start or end time');
  const m = TREE.exec(ctx.file);
  const action = raw.action ?? null;
  ext.log_status = raw['log-status'] ?? null;
  ext.interface_id = raw['interface-id'] ?? null;
  ext.srcaddr = raw.srcaddr ?? null;
  ext.dstaddr = raw.dstaddr ?? null;
  ext.flow_direction = raw['flow-direction'] ?? null;
  ext.derived = { [SAME_VPC_IPV6]: sameVpcIpv6(raw.srcaddr ?? null, raw.dstaddr ?? null) };
  return {
    raw,
    ext: ext as EventRecord['ext'],
    com: {
      cloud_type: 'aws',
      record_type: 'event',
      account: raw['account-id'] ?? m?.[1] ?? '',
      region: raw.region ?? m?.[2] ?? '',
      time: new Date(start * 1000).toISOString(),
      actor: null,
      source_ip: raw.srcaddr ?? null,
      action: action ?? raw['log-status'] ?? 'UNKNOWN',
      outcome: outcomeOf(action),
      // flow records have no id: a hash of the record is stable wherever it is read from
      reference: `vpcflow:${createHash('sha1').update(line).digest('hex').slice(0, 24)}`,
      service: 'vpc',
      origin_key: ctx.origin,
      origin_type: 'cloud',
      origin_class: 'log_source',
    },
  };
}

/** The record in a CloudWatch Logs message or line: without an export's leading timestamp. */
function bareRecord(text: string): string {
  const t = text.trim();
  const m = EXPORT_TIMESTAMP.exec(t);
  return m ? t.slice(m[0].length) : t;
}

/** The message of a JSON record ({"message": "..."}, a filter-log-events event); null (reported) when none. */
function messageOf(v: unknown, ctx: ReadContext, position: Position): string | null {
  if (isObj(v) && typeof v.message === 'string') return bareRecord(v.message);
  ctx.log.report(ctx.file, position, 'JSON record without a "message" string');
  return null;
}

/** The record text of a line: unwraps {"message": "..."}; null (reported) when it cannot. */
function recordText(text: string, ctx: ReadContext, position: Position): string | null {
  const t = text.trim();
  if (!t.startsWith('{')) return bareRecord(t);
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch (err) {
    ctx.log.report(
      ctx.file,
      position,
      `not a flow record and not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
    return null;
  }
  return messageOf(v, ctx, position);
}

export interface VpcFlowOptions {
  /** field names for input without a header line: "${version} ${vpc-id} ..." or plain names */
  format?: string;
}

export function vpcFlowFormat(opts: VpcFlowOptions = {}): LogFormat {
  const given = opts.format ? parseFlowFormat(opts.format) : undefined;

  /** The fields of a record: the file's header, else the given format, else version 2 when it is shaped so. */
  const fieldsFor = (tokens: string[], known: readonly string[] | undefined): readonly string[] => {
    if (known) return known;
    if (given) return given;
    if (isDefaultShaped(tokens)) return VPC_FLOW_V2_FIELDS;
    throw new FieldError(
      `${tokens.length} fields, not the default format (version 2: ${VPC_FLOW_V2_FIELDS.join(' ')}), and no header line: give the flow log's format (cloudward detect --flow-format "\${version} \${vpc-id} ...", or format: in the log source)`,
    );
  };

  /** Converts one record; returns the event (or null, reported) and the fields it was read with. */
  const one = (text: string, known: readonly string[] | undefined, ctx: ReadContext, position: Position) => {
    let used = known;
    const ev = convert(
      () => {
        used = fieldsFor(text.split(/\s+/), known);
        return flowRecordEvent(text, used, ctx, position);
      },
      text,
      ctx,
      position,
    );
    return { ev, used };
  };

  return {
    suffixes: ['.log', '.log.gz', '.txt', '.txt.gz'],
    async *readText(chunks, ctx) {
      // a header line names the fields; without one, the first record fixes the format for the file
      let fields: readonly string[] | undefined;
      const take = (record: string, position: Position): EventRecord | null => {
        const tokens = record.split(/\s+/);
        if (isHeader(tokens)) {
          fields = tokens;
          return null;
        }
        const { ev, used } = one(record, fields, ctx, position);
        if (ev) fields = used;
        return ev;
      };
      const { first, replay } = await firstChar(chunks);
      if (first === '{' || first === '[') {
        // JSON: {"message": ...} lines, or what `aws logs filter-log-events` prints
        for await (const { value, position } of readJsonRecords(replay, ctx.file, ctx.log, {
          arrayKeys: ['events'],
        })) {
          const record = messageOf(value, ctx, position);
          const ev = record ? take(record, position) : null;
          if (ev) yield ev;
        }
        return;
      }
      const lines = splitLines(replay, {
        maxLineChars: 1024 * 1024,
        onTooLong: (line, max) =>
          ctx.log.report(ctx.file, { line }, `line is longer than ${max} characters; skipped`),
      });
      for await (const { text, line } of lines) {
        const position = { line };
        const record = recordText(text, ctx, position);
        const ev = record ? take(record, position) : null;
        if (ev) yield ev;
      }
    },
    readMessage(message, ctx, position) {
      const record = recordText(message, ctx, position);
      if (!record) return [];
      if (isHeader(record.split(/\s+/))) return [];
      const { ev } = one(record, undefined, ctx, position);
      return ev ? [ev] : [];
    },
  };
}

/** The first character that is not white space (or a byte order mark), and the chunks to read again from the start. */
async function firstChar(
  chunks: AsyncIterable<string>,
): Promise<{ first: string | undefined; replay: AsyncIterable<string> }> {
  const it = chunks[Symbol.asyncIterator]();
  const seen: string[] = [];
  let first: string | undefined;
  let done = false;
  while (first === undefined) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    const m = /[^\s\uFEFF]/.exec(r.value);
    if (m) first = m[0];
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    seen.length = 0;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { first, replay: replay() };
}
