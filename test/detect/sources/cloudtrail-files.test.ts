import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { openSource } from '../../../src/detect/sources/index.js';
import { SLICE_RECORDS } from '../../../src/detect/sources/json-records.js';
import { collect, FIXTURES, tempDir } from './helpers.js';

const TREE = join(FIXTURES, 'cloudtrail');
const US_FILE = join(
  TREE,
  'AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/111122223333_CloudTrail_us-east-1_20240501T1205Z_Qk3x9PzL0a1b2c3d.json.gz',
);

function event(i: number, extra: Record<string, unknown> = {}) {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}`, accountId: '111122223333' },
    eventTime: new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString(),
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.1',
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    recipientAccountId: '111122223333',
    ...extra,
  };
}

/** The files written into a new directory, read whole (up to 64 MiB) and streamed: events, problems, stats. */
async function wholeAndStreamed(bodies: [string, string | Buffer][]) {
  const dir = tempDir();
  for (const [name, content] of bodies) writeFileSync(join(dir, name), content);
  const read = async (wholeFileMaxBytes: number) => {
    const src = openSource({ type: 'cloudtrail', path: dir }, { wholeFileMaxBytes });
    const events = await collect(src);
    return { events, problems: src.problems, stats: src.stats };
  };
  return { dir, whole: await read(64 * 1024 * 1024), streamed: await read(0) };
}

describe('CloudTrail from files', () => {
  it('maps a delivered Records file to events with the common fields', async () => {
    const src = openSource({ type: 'cloudtrail', path: US_FILE });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => e.com.action)).toEqual([
      'ConsoleLogin',
      'AuthorizeSecurityGroupIngress',
      'StopLogging',
    ]);
    const [login, ingress, stop] = events;
    expect(login?.com).toMatchObject({
      cloud_type: 'aws',
      record_type: 'event',
      account: '111122223333',
      region: 'us-east-1',
      time: '2024-05-01T12:01:07.000Z',
      actor: 'arn:aws:iam::111122223333:user/alice',
      source_ip: '203.0.113.10',
      outcome: 'failure',
      reference: '0f6c1a3e-8d1b-4d3e-9c55-0a1e2f3b4c5d',
      service: 'signin',
      origin_key: `cloudtrail:${US_FILE}`,
      origin_type: 'cloud',
    });
    expect(ingress?.com.outcome).toBe('success');
    expect(ingress?.com.actor).toBe('arn:aws:sts::111122223333:assumed-role/Deployer/deploy');
    expect(stop?.com.outcome).toBe('failure');
    expect(stop?.ext).toMatchObject({
      record_type: 'aws.cloudtrail.event',
      source: { file: US_FILE, line: 1, index: 2 },
      error_code: 'AccessDenied',
    });
    // raw is the event untouched
    const file = JSON.parse(gunzipSync(readFileSync(US_FILE)).toString('utf8')) as { Records: unknown[] };
    expect(events.map((e) => e.raw)).toEqual(file.Records);
  });

  it('walks the AWSLogs tree in delivery-time order across regions and skips digest files', async () => {
    const src = openSource({ type: 'cloudtrail', path: TREE }, { name: 'trail' });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => e.com.action)).toEqual([
      'CreateAccessKey',
      'AssumeRole',
      'ConsoleLogin',
      'AuthorizeSecurityGroupIngress',
      'StopLogging',
    ]);
    expect(events[0]?.com.origin_key).toBe('trail');
    expect(events[0]?.com.actor).toBe('arn:aws:iam::111122223333:root');
    // a service principal: actor is the service, source_ip is null and the host is kept in ext
    expect(events[1]?.com).toMatchObject({ actor: 'config.amazonaws.com', source_ip: null });
    expect(events[1]?.ext.source_host).toBe('config.amazonaws.com');
  });

  it('reads .json.gz files and orders files by the timestamp in their names', async () => {
    const dir = tempDir();
    const base = join(dir, 'AWSLogs/999988887777/CloudTrail');
    const files: [string, string, number][] = [
      ['us-west-2', '20240502T0010Z', 3],
      ['ap-south-1', '20240502T0005Z', 2],
      ['us-west-2', '20240501T2355Z', 1],
    ];
    for (const [region, stamp, i] of files) {
      const day = join(base, region, '2024/05', stamp.slice(6, 8));
      mkdirSync(day, { recursive: true });
      const body = JSON.stringify({
        Records: [event(i, { awsRegion: region, recipientAccountId: undefined })],
      });
      writeFileSync(join(day, `999988887777_CloudTrail_${region}_${stamp}_abc.json.gz`), gzipSync(body));
    }
    writeFileSync(join(base, 'README.txt'), 'not a log');
    const events = await collect(openSource({ type: 'cloudtrail', path: dir }));
    expect(events.map((e) => e.com.region)).toEqual(['us-west-2', 'ap-south-1', 'us-west-2']);
    expect(events.map((e) => e.com.reference.slice(-1))).toEqual(['1', '2', '3']);
    // account from userIdentity when recipientAccountId is absent
    expect(events[0]?.com.account).toBe('111122223333');
  });

  it('takes the account and region from the delivery path when the event lacks them', async () => {
    const dir = tempDir();
    const day = join(dir, 'AWSLogs/o-abc123def4/444455556666/CloudTrail/sa-east-1/2024/05/01');
    mkdirSync(day, { recursive: true });
    const ev = event(1, { recipientAccountId: undefined, awsRegion: undefined, userIdentity: undefined });
    writeFileSync(join(day, 'x.json'), JSON.stringify({ Records: [ev] }));
    const [e] = await collect(openSource({ type: 'cloudtrail', path: dir }));
    expect(e?.com).toMatchObject({ account: '444455556666', region: 'sa-east-1', actor: null });
  });

  it('reads JSON lines, the LookupEvents shape, and lines that hold Records', async () => {
    const dir = tempDir();
    const lookup = {
      EventId: 'lookup-1',
      EventName: 'DeleteTrail',
      CloudTrailEvent: JSON.stringify(
        event(7, { eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com' }),
      ),
    };
    const lines = [
      JSON.stringify(event(1)),
      '',
      JSON.stringify(lookup),
      JSON.stringify({ Records: [event(2), event(3)] }),
    ];
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const src = openSource({ type: 'cloudtrail', path: file });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => e.com.action)).toEqual(['ListUsers', 'DeleteTrail', 'ListUsers', 'ListUsers']);
    expect(events[1]?.com.service).toBe('cloudtrail');
    expect(events[0]?.ext.source).toEqual({ file, line: 1 });
    expect(events[3]?.ext.source).toEqual({ file, line: 4, index: 1 });
  });

  it('drops the session tokens STS answers carry, keeping the access key id', async () => {
    const dir = tempDir();
    const assumed = event(1, {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/app', roleSessionName: 'deploy' },
      responseElements: {
        credentials: {
          accessKeyId: 'ASIAQEXAMPLEDEPLOY01',
          sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
          expiration: 'May 1, 2024, 1:00:00 AM',
        },
        assumedRoleUser: { arn: 'arn:aws:sts::111122223333:assumed-role/app/deploy' },
      },
    });
    const file = join(dir, 'sts.json');
    writeFileSync(file, JSON.stringify({ Records: [assumed] }));
    const [only] = await collect(openSource({ type: 'cloudtrail', path: file }));
    expect(JSON.stringify(only?.raw)).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    expect(only?.raw.responseElements).toMatchObject({
      credentials: { accessKeyId: 'ASIAQEXAMPLEDEPLOY01', sessionToken: '(redacted by Cloudward)' },
    });
  });

  it('reads stdin for "-"', async () => {
    const body = JSON.stringify({ Records: [event(1), event(2)] });
    const stdin = Readable.from([Buffer.from(gzipSync(body))]);
    const spy = vi.spyOn(process, 'stdin', 'get').mockReturnValue(stdin as unknown as typeof process.stdin);
    try {
      const events = await collect(openSource({ type: 'cloudtrail', path: '-' }));
      expect(events).toHaveLength(2);
      expect(events[0]?.ext.source.file).toBe('<stdin>');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('CloudTrail streaming', () => {
  it('streams a large gzipped Records file: the splitter never holds more than one record', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.json.gz');
    const records = Array.from({ length: 5000 }, (_, i) =>
      event(i, { requestParameters: { note: `] } [ { "quoted" \\ ${'z'.repeat(i % 300)}` } }),
    );
    const largest = Math.max(...records.map((r) => JSON.stringify(r).length));
    const text = JSON.stringify({ Records: records });
    writeFileSync(file, gzipSync(text));
    const stats: { maxBufferedChars: number; elements: number }[] = [];
    const src = openSource(
      { type: 'cloudtrail', path: file },
      { onSplitterStats: (_f, s) => stats.push(s), wholeFileMaxBytes: 0 },
    );
    let n = 0;
    for await (const ev of src.read()) {
      expect(ev.raw).toEqual(records[n]);
      n += 1;
    }
    expect(n).toBe(5000);
    expect(src.problems).toEqual([]);
    expect(stats).toHaveLength(1);
    expect(stats[0]?.elements).toBe(5000);
    expect(stats[0]?.maxBufferedChars).toBeLessThanOrEqual(largest);
    expect(text.length).toBeGreaterThan(100 * largest);
  });
});

describe('CloudTrail malformed input', () => {
  it('reports a truncated gzip with its byte offset and keeps the events read before it', async () => {
    const dir = tempDir();
    const records = Array.from({ length: 400 }, (_, i) => event(i, { pad: `${i}`.repeat(40) }));
    const gz = gzipSync(JSON.stringify({ Records: records }));
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const file = join(dir, 'cut.json.gz');
    writeFileSync(file, cut);
    const problems: unknown[] = [];
    const src = openSource({ type: 'cloudtrail', path: file }, { onProblem: (p) => problems.push(p) });
    const events = await collect(src);
    expect(events.length).toBeGreaterThan(10);
    expect(events.length).toBeLessThan(400);
    expect(events.map((e) => e.raw)).toEqual(records.slice(0, events.length));
    const gzipProblem = src.problems.find((p) => p.reason.includes('gzip'));
    expect(gzipProblem).toMatchObject({ file, position: { offset: cut.length } });
    expect(gzipProblem?.reason).toMatch(/truncated or corrupt/);
    // the record cut in half is named too
    expect(src.problems.some((p) => p.position.index === events.length)).toBe(true);
    expect(problems).toEqual(src.problems);
    expect(src.stats).toMatchObject({ events: events.length, problems: src.problems.length });
  });

  it('reports a non-JSON line with file:line and reads the other lines', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [JSON.stringify(event(1)), '{"eventName": "Broken", ', JSON.stringify(event(3))].join('\n'),
    );
    const src = openSource({ type: 'cloudtrail', path: file });
    const events = await collect(src);
    expect(events.map((e) => e.com.reference.slice(-1))).toEqual(['1', '3']);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]).toMatchObject({ file, position: { line: 2 } });
    expect(src.problems[0]?.reason).toMatch(/^not JSON/);
  });

  it('reports a file without Records by name', async () => {
    const dir = tempDir();
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({ records_typo: [event(1)], other: 1 }, null, 2));
    const other = join(dir, 'z-ok.json');
    writeFileSync(other, JSON.stringify({ Records: [event(2)] }));
    const nullRecords = join(dir, 'null.json');
    writeFileSync(nullRecords, '{"Records": null}');
    const src = openSource({ type: 'cloudtrail', path: dir });
    const events = await collect(src);
    expect(events).toHaveLength(1);
    expect(src.problems.map((p) => p.file).sort()).toEqual([nullRecords, file]);
    expect(src.problems.find((p) => p.file === file)?.reason).toMatch(/no "Records" array/);
    expect(src.problems.find((p) => p.file === nullRecords)?.reason).toMatch(/"Records" is not an array/);
  });

  it('skips only the event with a field of the wrong type, naming the field and record index', async () => {
    const dir = tempDir();
    const file = join(dir, 'types.json');
    const records = [
      event(0),
      event(1, { eventTime: 1714521600 }),
      event(2, { userIdentity: 'root' }),
      event(3, { eventName: ['a'] }),
      event(4, { eventTime: 'yesterday' }),
      'not an object',
      event(6, { eventSource: undefined }),
      event(7),
    ];
    writeFileSync(file, JSON.stringify({ Records: records }));
    const src = openSource({ type: 'cloudtrail', path: file });
    const events = await collect(src);
    expect(events.map((e) => e.ext.source.index)).toEqual([0, 7]);
    expect(src.problems.map((p) => [p.position.index, p.reason])).toEqual([
      [1, 'line 1 record 1: eventTime: expected a string, found number 1714521600; event skipped'],
      [2, 'line 1 record 2: userIdentity: expected an object, found string "root"; event skipped'],
      [3, 'line 1 record 3: eventName: expected a string, found an array; event skipped'],
      [4, 'line 1 record 4: eventTime: not a valid time: "yesterday"; event skipped'],
      [5, 'line 1 record 5: expected a JSON object, found string; event skipped'],
      [6, 'line 1 record 6: eventSource: missing; event skipped'],
    ]);
  });

  it('reports an unreadable path and goes on', async () => {
    const src = openSource({ type: 'cloudtrail', path: '/nonexistent/cloudward/trail' });
    expect(await collect(src)).toEqual([]);
    expect(src.problems[0]?.reason).toMatch(/cannot read/);
  });

  it('reports a record that is not valid JSON inside a Records array by index', async () => {
    const dir = tempDir();
    cpSync(US_FILE, join(dir, 'a.json.gz'));
    const bad = `{"Records":[${JSON.stringify(event(0))},{"eventName": tru},${JSON.stringify(event(2))}]}`;
    writeFileSync(join(dir, 'b.json'), bad);
    const src = openSource({ type: 'cloudtrail', path: dir });
    const events = await collect(src);
    expect(events).toHaveLength(5);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]).toMatchObject({ file: join(dir, 'b.json'), position: { index: 1 } });
  });

  it('gives each event and each skipped record of a file read whole its own position', async () => {
    const dir = tempDir();
    const records = [
      event(0),
      { ...event(1), eventName: 7 },
      event(2),
      { ...event(3), eventSource: [] },
      event(4),
    ];
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ Records: records }));
    const src = openSource({ type: 'cloudtrail', path: dir });
    const events = await collect(src);
    expect(events.map((e) => e.ext.source)).toEqual(
      [0, 2, 4].map((index) => ({ file: join(dir, 'c.json'), line: 1, index })),
    );
    expect(src.problems.map((p) => p.position)).toEqual([
      { line: 1, index: 1 },
      { line: 1, index: 3 },
    ]);
  });
});

describe('CloudTrail: a malformed record in the middle of a Records array', () => {
  // strings holding braces, brackets and escaped quotes must not confuse the resynchronisation
  const records = [0, 1, 2, 3, 4].map((i) =>
    event(i, { requestParameters: { policy: `{"Statement":[{"Effect":"Deny"}]} \\"${i}\\" ] }` } }),
  );
  // record 2 loses the brace that closes its userIdentity: it is never closed
  const broken = JSON.stringify(records[2]).replace('"},"eventTime"', '","eventTime"');
  const text = `{"Records":[${[records[0], records[1]].map((r) => JSON.stringify(r)).join(',')},${broken},${[records[3], records[4]].map((r) => JSON.stringify(r)).join(',')}]}`;
  const badAt = text.indexOf(broken);

  async function read(name: string, body: string | Buffer) {
    const dir = tempDir();
    const file = join(dir, name);
    writeFileSync(file, body);
    const src = openSource({ type: 'cloudtrail', path: file });
    return { file, src, events: await collect(src) };
  }

  it('keeps every later record and names the bad one by index, line, column and byte', async () => {
    expect(broken).not.toBe(JSON.stringify(records[2]));
    const { file, src, events } = await read('trail.json', text);
    expect(events.map((e) => e.raw)).toEqual([records[0], records[1], records[3], records[4]]);
    expect(events.map((e) => e.ext.source.index)).toEqual([0, 1, 3, 4]);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]).toMatchObject({ file, position: { line: 1, index: 2, offset: badAt } });
    expect(src.problems[0]?.reason).toMatch(
      new RegExp(
        `^record 2 \\(at line 1, column ${badAt + 1}, byte ${badAt}\\) is malformed: its braces do not balance, and record 3 starts at line 1, column \\d+, byte \\d+ before it is closed; skipped, reading goes on with record 3$`,
      ),
    );
  });

  it('does the same in a gzipped file', async () => {
    const { src, events } = await read('trail.json.gz', gzipSync(text));
    expect(events.map((e) => e.raw)).toEqual([records[0], records[1], records[3], records[4]]);
    expect(src.problems.map((p) => p.position)).toEqual([{ line: 1, index: 2, offset: badAt }]);
  });

  it('counts the byte offset in UTF-8 and the column from the start of the line', async () => {
    const lines = [
      '{"Records": [',
      `  ${JSON.stringify(event(0, { note: 'café ☃' }))},`,
      '  {"eventName": "Broken", "userIdentity": {"type": "IAMUser",',
      `  ${JSON.stringify(event(2))}`,
      ']}',
    ];
    const { src, events } = await read('pretty.json', lines.join('\n'));
    expect(events.map((e) => e.ext.source.index)).toEqual([0, 2]);
    const byte = Buffer.byteLength(`${lines[0]}\n${lines[1]}\n  `);
    expect(src.problems.map((p) => p.position)).toEqual([{ line: 3, index: 1, offset: byte }]);
    expect(src.problems[0]?.reason).toMatch(
      new RegExp(
        `^record 1 \\(at line 3, column 3, byte ${byte}\\) is malformed: .* record 2 starts at line 4, column 3,`,
      ),
    );
  });

  it('reports a truncated last record where it starts and keeps the records before it', async () => {
    const cut = text.slice(0, text.indexOf(JSON.stringify(records[4])) + 40);
    const recordAt = text.indexOf(JSON.stringify(records[4]));
    const { src, events } = await read('cut.json', cut);
    expect(events.map((e) => e.ext.source.index)).toEqual([0, 1, 3]);
    expect(src.problems.map((p) => [p.position, p.reason])).toEqual([
      [
        { line: 1, index: 2, offset: badAt },
        expect.stringMatching(/^record 2 \(at line 1, column \d+, byte \d+\) is malformed/),
      ],
      [
        { line: 1, index: 4, offset: recordAt },
        `record 4 (at line 1, column ${recordAt + 1}, byte ${recordAt}) is incomplete: input ended inside it`,
      ],
    ]);
  });

  it('reads on past garbage between records', async () => {
    const body = `{"Records":[${JSON.stringify(records[0])} }} ,${JSON.stringify(records[1])}]}`;
    const { src, events } = await read('junk.json', body);
    expect(events.map((e) => e.raw)).toEqual([records[0], records[1]]);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]?.reason).toMatch(
      /^unexpected "}" after record 0 at line 1, column \d+, byte \d+ \(one too many\); skipped$/,
    );
  });
});

describe('CloudTrail: whole-file parsing', () => {
  it('gives the same events and problems as streaming, whatever the file holds', async () => {
    const ok = [event(0), event(1, { note: 'caf\u00e9 } ] "' }), event(2)];
    const body = JSON.stringify({ Records: ok });
    const bodies: [string, string | Buffer][] = [
      ['plain.json', body],
      ['plain-newline.json', `${body}\n`],
      ['gz.json.gz', gzipSync(body)],
      ['bom.json', `\uFEFF${body}`],
      ['array.json', JSON.stringify(ok)],
      ['pretty.json', JSON.stringify({ Records: ok }, null, 2)],
      ['records-not-first.json', JSON.stringify({ v: 1, Records: ok })],
      ['concatenated.json', `${body}${body}`],
      ['lines.jsonl', ok.map((e) => JSON.stringify(e)).join('\n')],
      [
        'broken.json',
        body.replace('"},"eventTime":"2024-05-01T00:00:01', '","eventTime":"2024-05-01T00:00:01'),
      ],
      ['bad-field.json', JSON.stringify({ Records: [event(0), event(1, { eventTime: 5 }), 'x'] })],
      ['cut.json.gz', gzipSync(body).subarray(0, 200)],
      // two gzip members: the trailer gives the size of the last one only
      ['members.json.gz', Buffer.concat([gzipSync(body.slice(0, 100)), gzipSync(body.slice(100))])],
      // inflates to more than 16 times its size (more than one output buffer without the trailer's size)
      [
        'repetitive.json.gz',
        gzipSync(JSON.stringify({ Records: Array.from({ length: 400 }, (_, i) => event(i % 3)) })),
      ],
      ['no-records.json', '{"Records": null}'],
      ['empty.json', ''],
    ];
    const { whole, streamed } = await wholeAndStreamed(bodies);
    expect(whole.events.length).toBeGreaterThan(20);
    expect(whole.problems.length).toBeGreaterThan(4);
    expect(whole).toEqual(streamed);
  });

  it('parses a file a slice of records at a time and, when a slice does not parse, reads on as before', async () => {
    const n = SLICE_RECORDS * 2 + 50;
    const many = (edit: (i: number) => Record<string, unknown> = () => ({})) =>
      Array.from({ length: n }, (_, i) => event(i, edit(i)));
    const records = (rs: unknown[]) => rs.map((r) => JSON.stringify(r)).join(',');
    // the record at the first cut holds the text a cut looks for: that slice cannot parse
    const nested = many((i) =>
      i === SLICE_RECORDS - 1
        ? { requestParameters: { items: [{ eventVersion: 'a' }, { eventVersion: 'b' }] } }
        : {},
    );
    const bodies: [string, string | Buffer][] = [
      ['valid.json', JSON.stringify({ Records: many() })],
      ['valid.json.gz', gzipSync(`\uFEFF${JSON.stringify({ Records: many() })}\n`)],
      ['array.json', JSON.stringify(many())],
      ['nested-at-cut.json', JSON.stringify({ Records: nested })],
      // the second slice has a broken record, the whole text does not parse: split from the record after the first slice
      [
        'broken-second-slice.json',
        `{"Records":[${records(many().slice(0, SLICE_RECORDS + 10))},{"eventVersion":"1.09",x},${records(many().slice(SLICE_RECORDS + 10))}]}`,
      ],
      ['broken-last.json', `{"Records":[${records(many())},{"eventVersion":"1.09","a":}]}`],
      [
        'not-objects.json',
        `{"Records":[${records(many().slice(0, 300))},5,"s",null,${records(many().slice(300))}]}`,
      ],
      ['bad-field.json', JSON.stringify({ Records: many((i) => (i === n - 3 ? { eventTime: 5 } : {})) })],
    ];
    const { dir, whole, streamed } = await wholeAndStreamed(bodies);
    expect(whole.events.filter((e) => e.ext.source.file.endsWith('nested-at-cut.json'))).toHaveLength(n);
    expect(whole.events.filter((e) => e.ext.source.file.endsWith('broken-second-slice.json'))).toHaveLength(
      n,
    );
    expect(whole.problems.map((p) => p.file.slice(dir.length + 1))).toEqual([
      'bad-field.json',
      'broken-last.json',
      'broken-second-slice.json',
      'not-objects.json',
      'not-objects.json',
      'not-objects.json',
    ]);
    expect(whole).toEqual(streamed);
  });

  it('streams a file larger than the whole-file limit', async () => {
    const dir = tempDir();
    const file = join(dir, 'trail.json.gz');
    writeFileSync(file, gzipSync(JSON.stringify({ Records: [event(0), event(1)] })));
    const sizes: number[] = [];
    for (const max of [10, 1024 * 1024]) {
      const src = openSource(
        { type: 'cloudtrail', path: file },
        { wholeFileMaxBytes: max, onSplitterStats: (_f, s) => sizes.push(s.elements) },
      );
      expect(await collect(src)).toHaveLength(2);
    }
    // only the streamed read went through the splitter
    expect(sizes).toEqual([2]);
  });
});
