import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSource, parseFlowFormat } from '../../../src/detect/sources/index.js';
import { sameVpcIpv6, vpcFlowFormat } from '../../../src/detect/sources/vpcflow.js';
import { listSourceFiles } from '../../../src/detect/worker-pool.js';
import { FakeBucket } from './fake-s3.js';
import { collect, FIXTURES, tempDir } from './helpers.js';

const V2 = join(FIXTURES, 'vpcflow', 'v2-default.log');
const CUSTOM = join(FIXTURES, 'vpcflow', 'custom-v5.log');

describe('parseFlowFormat', () => {
  it('accepts the LogFormat syntax and plain names, and names a bad token', () => {
    expect(parseFlowFormat('${version} ${vpc-id}  ${srcaddr}')).toEqual(['version', 'vpc-id', 'srcaddr']);
    expect(parseFlowFormat('version account-id')).toEqual(['version', 'account-id']);
    expect(() => parseFlowFormat('${version} ${Src Addr}')).toThrow(/"\$\{Src" is not a field name/);
    expect(() => parseFlowFormat('  ')).toThrow(/empty/);
  });
});

describe('same_vpc_ipv6', () => {
  it('is true only for two IPv6 addresses sharing their /56', () => {
    // subnets a100::/64 and a1ff::/64 of the VPC block 2600:1f18:6d4:a100::/56
    expect(
      sameVpcIpv6('2600:1f18:6d4:a1ff:3304:8879:34cf:4071', '2600:1f18:6d4:a100:8d6e:3477:df66:f105'),
    ).toBe(true);
    // the neighbouring /56, an address on the internet, IPv4, IPv4-mapped, no address
    expect(sameVpcIpv6('2600:1f18:6d4:a0ff::20', '2600:1f18:6d4:a100::15')).toBe(false);
    expect(sameVpcIpv6('2a02:cf40:1:2::9', '2600:1f18:6d4:a100::15')).toBe(false);
    expect(sameVpcIpv6('10.0.1.15', '10.0.2.20')).toBe(false);
    expect(sameVpcIpv6('::ffff:10.0.1.15', '::ffff:203.0.113.9')).toBe(false);
    expect(sameVpcIpv6(null, '2600:1f18:6d4:a100::15')).toBe(false);
    expect(sameVpcIpv6('not:an:address', '2600:1f18:6d4:a100::15')).toBe(false);
  });

  it('is derived on every record, in ext.derived where rules read it, and raw stays the log line', async () => {
    const dir = tempDir();
    const file = join(dir, 'dual-stack.log');
    writeFileSync(
      file,
      [
        '2 111122223333 eni-0a1b2c3d4e5f60718 2600:1f18:6d4:a1ff:3304:8879:34cf:4071 2600:1f18:6d4:a100:8d6e:3477:df66:f105 50123 22 6 4 240 1714564800 1714564860 ACCEPT OK',
        '2 111122223333 eni-0a1b2c3d4e5f60718 2a02:cf40:1:2::9 2600:1f18:6d4:a100:8d6e:3477:df66:f105 50123 22 6 4 240 1714564800 1714564860 ACCEPT OK',
        '2 111122223333 eni-0a1b2c3d4e5f60718 - - - - - - - 1714564800 1714564860 - NODATA',
        '',
      ].join('\n'),
    );
    const events = await collect(openSource({ type: 'vpcflow', path: file }));
    expect(events.map((e) => [e.ext.derived?.same_vpc_ipv6, Object.hasOwn(e.raw, 'same_vpc_ipv6')])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
  });
});

describe('VPC flow logs from files', () => {
  it('reads the default version 2 format and reports malformed records by line', async () => {
    const src = openSource({ type: 'vpcflow', path: V2 });
    const events = await collect(src);
    expect(events).toHaveLength(4);
    const [reject, accept, v6, nodata] = events;
    expect(reject?.raw).toEqual({
      version: '2',
      'account-id': '111122223333',
      'interface-id': 'eni-0a1b2c3d4e5f60718',
      srcaddr: '203.0.113.12',
      dstaddr: '10.0.1.15',
      srcport: '49152',
      dstport: '22',
      protocol: '6',
      packets: '20',
      bytes: '4249',
      start: '1714564800',
      end: '1714564860',
      action: 'REJECT',
      'log-status': 'OK',
    });
    expect(reject?.com).toMatchObject({
      cloud_type: 'aws',
      account: '111122223333',
      time: '2024-05-01T12:00:00.000Z',
      actor: null,
      source_ip: '203.0.113.12',
      action: 'REJECT',
      outcome: 'failure',
      service: 'vpc',
    });
    expect(reject?.ext).toMatchObject({
      record_type: 'aws.vpcflow.record',
      source: { file: V2, line: 1 },
      dstport: 22,
      srcport: 49152,
      protocol: 6,
      packets: 20,
      bytes: 4249,
    });
    expect(accept?.com.outcome).toBe('success');
    expect(v6?.com.source_ip).toBe('2001:db8:1234:a100::15');
    // NODATA: no traffic in the window; '-' fields are null
    expect(nodata?.raw.srcaddr).toBeNull();
    expect(nodata?.ext.dstport).toBeNull();
    expect(nodata?.com).toMatchObject({ action: 'NODATA', outcome: 'unknown', source_ip: null });
    // references are stable hashes of the record
    expect(new Set(events.map((e) => e.com.reference)).size).toBe(4);
    expect(src.problems.map((p) => [p.position.line, p.reason])).toEqual([
      [5, 'line 5: dstport: expected a number, found "twenty-two"; event skipped'],
      [6, 'line 6: expected 14 fields (version account-id interface-id ...), found 8; event skipped'],
    ]);
  });

  it('reads a custom format from its header line, fields in any order', async () => {
    const src = openSource({ type: 'vpcflow', path: CUSTOM });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => [e.com.action, e.ext.dstport, e.com.region])).toEqual([
      ['ACCEPT', 5432, 'us-east-1'],
      ['REJECT', 23, 'us-east-1'],
    ]);
    expect(events[1]?.raw['pkt-src-aws-service']).toBe('AMAZON');
    expect(events[0]?.ext).toMatchObject({
      tcp_flags: 2,
      version: 5,
      flow_direction: 'ingress',
      traffic_path: null,
    });
    expect(events[0]?.com.time).toBe('2024-05-01T13:00:00.000Z');
  });

  it('asks for the format when a header-less file is not version 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'v3.log');
    writeFileSync(
      file,
      '3 vpc-1 subnet-1 i-1 eni-1 111122223333 IPv4 10.0.0.1 10.0.0.2 1 2 10.0.0.1 10.0.0.2 6 10 1 1714564800 1714564860 ACCEPT 2 OK\n',
    );
    const src = openSource({ type: 'vpcflow', path: file });
    expect(await collect(src)).toEqual([]);
    expect(src.problems.map((p) => [p.position.line, p.reason])).toEqual([
      [
        1,
        'line 1: 21 fields, not the default format (version 2: version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status), and no header line: give the flow log\'s format (cloudward detect --flow-format "${version} ${vpc-id} ...", or format: in the log source); event skipped',
      ],
    ]);
    expect(src.problems[0]?.file).toBe(file);

    const fmt =
      'version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status';
    const withFormat = openSource({ type: 'vpcflow', path: file, format: fmt });
    const [ev] = await collect(withFormat);
    expect(ev?.ext).toMatchObject({ bytes: 10, packets: 1, tcp_flags: 2 });
  });

  it('reads a header-less default-format file (CloudWatch Logs records) without a format', async () => {
    const dir = tempDir();
    const file = join(dir, 'from-cloudwatch.log');
    writeFileSync(
      file,
      [
        '2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK',
        '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
        // a bad line in the middle: reported, the rest is read
        '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 ACCEPT OK',
        '2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA',
        '2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 REJECT OK',
        '',
      ].join('\n'),
    );
    const src = openSource({ type: 'vpcflow', path: file });
    const events = await collect(src);
    expect(events.map((e) => [e.ext.source, e.com.action, e.raw.srcaddr])).toEqual([
      [{ file, line: 1 }, 'ACCEPT', '2001:db8:1234:a100:8d6e:3477:df66:f105'],
      [{ file, line: 2 }, 'NODATA', null],
      [{ file, line: 4 }, 'SKIPDATA', null],
      [{ file, line: 5 }, 'REJECT', '203.0.113.12'],
    ]);
    expect(events[1]?.ext).toMatchObject({ srcport: null, packets: null, start: 1431280876 });
    expect(src.problems.map((p) => [p.file, p.position.line, p.reason])).toEqual([
      [file, 3, 'line 3: expected 14 fields (version account-id interface-id ...), found 13; event skipped'],
    ]);
  });

  it('does not take a 14-field custom format for the default one', async () => {
    const dir = tempDir();
    const file = join(dir, 'custom14.log');
    // ${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action} ${log-status}
    writeFileSync(
      file,
      '3 vpc-0abc1234 subnet-0aaa1111 i-0123456789abcdef0 eni-0a1b2c3d4e5f60718 111122223333 IPv4 198.51.100.7 10.0.1.15 51234 22 6 ACCEPT OK\n',
    );
    const src = openSource({ type: 'vpcflow', path: file });
    expect(await collect(src)).toEqual([]);
    expect(src.problems[0]?.reason).toMatch(/^line 1: 14 fields, not the default format .* --flow-format/);
  });

  it('reads an export of a CloudWatch Logs group to S3: a timestamp before each record', async () => {
    const dir = tempDir();
    const file = join(dir, '000000.gz');
    writeFileSync(
      file,
      gzipSync(
        [
          '2024-05-01T12:01:05.000Z 2 111122223333 eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.15 49152 22 6 20 4249 1714564800 1714564860 ACCEPT OK',
          '2024-05-01T12:01:05.000Z 2 111122223333 eni-0a1b2c3d4e5f60718 2600:1f18:6d4:a1ff::20 2600:1f18:6d4:a100::15 50123 5432 6 4 240 1714564800 1714564860 ACCEPT OK',
          '2024-05-01T12:01:07.000Z 2 111122223333 eni-0f0e0d0c0b0a09080 - - - - - - - 1714564800 1714564860 - NODATA',
          '',
        ].join('\n'),
      ),
    );
    const src = openSource({ type: 'vpcflow', path: file });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(
      events.map((e) => [e.com.time, e.raw.version, e.ext.dstport, e.ext.derived?.same_vpc_ipv6]),
    ).toEqual([
      ['2024-05-01T12:00:00.000Z', '2', 22, false],
      ['2024-05-01T12:00:00.000Z', '2', 5432, true],
      ['2024-05-01T12:00:00.000Z', '2', null, false],
    ]);
    // the same record read from CloudWatch Logs directly has the same reference
    const direct = vpcFlowFormat().readMessage(
      '2 111122223333 eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.15 49152 22 6 20 4249 1714564800 1714564860 ACCEPT OK',
      { file: 'group', origin: 'x', log: { report: () => {} } as never },
      { index: 0 },
    );
    expect(direct[0]?.com.reference).toBe(events[0]?.com.reference);
  });

  it('walks into CloudWatch Logs export trees (000000.gz), which other log types leave alone', async () => {
    const dir = tempDir();
    const { mkdirSync } = await import('node:fs');
    const stream = join(dir, 'exportedlogs/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/eni-0a1b2c3d4e5f60718-all');
    mkdirSync(stream, { recursive: true });
    const record = (port: number) =>
      `2024-05-01T12:01:05.000Z 2 111122223333 eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.15 49152 ${port} 6 20 4249 1714564800 1714564860 ACCEPT OK\n`;
    writeFileSync(join(stream, '000000.gz'), gzipSync(record(22)));
    writeFileSync(join(stream, '000001.gz'), gzipSync(record(3389)));
    // what the export task writes to test its access, and a Parquet delivery: neither is flow log text
    writeFileSync(join(dir, 'exportedlogs/aws-logs-write-test'), 'Permission Check Successful');
    writeFileSync(
      join(dir, '111122223333_vpcflowlogs_us-east-1_fl-0a1b_20240501T1200Z_ab.log.parquet'),
      'PAR1',
    );
    const src = openSource({ type: 'vpcflow', path: dir });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => e.ext.dstport)).toEqual([22, 3389]);
    // the worker threads' listing and the watch tree reader walk the same way
    expect((await listSourceFiles({ type: 'vpcflow', path: dir }, () => {})).map((f) => basename(f))).toEqual(
      ['000000.gz', '000001.gz'],
    );
    // a CloudTrail or Azure walk of the same tree reads none of them
    for (const type of ['cloudtrail', 'azure_activity'] as const) {
      expect(await listSourceFiles({ type, path: dir }, () => {})).toEqual([]);
    }
  });

  it('reads what `aws logs filter-log-events` prints, and reports an event without a message', async () => {
    const dir = tempDir();
    const file = join(dir, 'filter-log-events.json.log');
    const events = [
      '2 111122223333 eni-0a1b2c3d4e5f60718 198.51.100.7 10.0.1.15 51234 3389 6 3 180 1714564800 1714564860 ACCEPT OK',
      '2 111122223333 eni-0a1b2c3d4e5f60718 10.0.1.15 198.51.100.7 3389 51234 6 3 180 1714564800 1714564860 ACCEPT OK',
    ].map((message, i) => ({
      logStreamName: 'eni-0a1b2c3d4e5f60718-all',
      timestamp: 1714564800000,
      message,
      ingestionTime: 1714564921000,
      eventId: `3798260551846758640744823418417520741406851497016${i}`,
    }));
    writeFileSync(
      file,
      JSON.stringify(
        {
          events: [...events.slice(0, 1), { logStreamName: 'x', timestamp: 1 }, ...events.slice(1)],
          searchedLogStreams: [{ logStreamName: 'eni-0a1b2c3d4e5f60718-all', searchedCompletely: true }],
        },
        null,
        4,
      ),
    );
    const src = openSource({ type: 'vpcflow', path: file });
    const read = await collect(src);
    expect(read.map((e) => [e.raw.srcaddr, e.ext.dstport])).toEqual([
      ['198.51.100.7', 3389],
      ['10.0.1.15', 51234],
    ]);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]?.reason).toMatch(/without a "message"/);
  });

  it('reads .log.gz delivery trees, JSON-wrapped lines, and takes account and region from the path', async () => {
    const dir = tempDir();
    const day = join(dir, 'AWSLogs/444455556666/vpcflowlogs/eu-central-1/2024/05/01');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(day, { recursive: true });
    const header =
      'version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
    const line = 'x eni-1 192.0.2.1 10.0.0.9 5000 3306 6 2 120 1714564800 1714564830 REJECT OK'.replace(
      'x',
      '4',
    );
    writeFileSync(
      join(day, '444455556666_vpcflowlogs_eu-central-1_fl-0a1b2c3d_20240501T1200Z_abcd.log.gz'),
      gzipSync(`${header}\n${line}\n`),
    );
    writeFileSync(
      join(day, 'wrapped_20240501T1300Z_x.log'),
      `${JSON.stringify({ message: '2 444455556666 eni-2 192.0.2.9 10.0.0.9 6000 22 6 1 60 1714568400 1714568430 REJECT OK' })}\n{"nomessage": 1}\n`,
    );
    const src = openSource({ type: 'vpcflow', path: dir });
    const events = await collect(src);
    expect(events.map((e) => [e.com.account, e.com.region, e.ext.dstport])).toEqual([
      ['444455556666', 'eu-central-1', 3306],
      ['444455556666', 'eu-central-1', 22],
    ]);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]?.reason).toMatch(/without a "message"/);
  });

  it('reads flow logs from S3', async () => {
    const bucket = new FakeBucket('flow-bucket');
    try {
      const k =
        'AWSLogs/111122223333/vpcflowlogs/us-east-1/2024/05/01/111122223333_vpcflowlogs_us-east-1_fl-1_20240501T1200Z_a.log.gz';
      bucket.put(
        k,
        gzipSync(
          '2 111122223333 eni-1 203.0.113.1 10.0.0.1 1024 445 6 1 40 1714564800 1714564860 REJECT OK\n',
        ),
      );
      const { createS3Client } = await import('../../../src/detect/sources/aws-clients.js');
      const src = openSource(
        { type: 'vpcflow', s3: 's3://flow-bucket/AWSLogs/' },
        { clients: { s3: await createS3Client({ region: 'us-east-1' }) } },
      );
      const events = await collect(src);
      expect(events.map((e) => e.ext.dstport)).toEqual([445]);
      expect(events[0]?.ext.source).toEqual({ file: `s3://flow-bucket/${k}`, line: 1 });
    } finally {
      bucket.mock.restore();
    }
  });
});

const ELASTIC = '/work/shared/data/logs/vpcflow-elastic/aws-vpcflow';
describe.skipIf(!existsSync(ELASTIC))('VPC flow samples from the shared data', () => {
  if (!existsSync(ELASTIC)) console.log(`skipping: ${ELASTIC} is absent`);

  it('reads the version 2 and header samples without problems', async () => {
    for (const name of [
      'test-extra-samples.log',
      'test-tcp-flag-sequence.log',
      'test-with-message-field.log',
    ]) {
      const src = openSource({ type: 'vpcflow', path: join(ELASTIC, name) });
      const events = await collect(src);
      expect(src.problems, name).toEqual([]);
      expect(events.length, name).toBeGreaterThan(0);
    }
  });

  it('reports header-less custom-format samples instead of guessing', async () => {
    const files = readdirSync(ELASTIC).filter((f) => f.includes('ecs'));
    for (const name of files) {
      const src = openSource({ type: 'vpcflow', path: join(ELASTIC, name) });
      await collect(src);
      expect(src.problems.every((p) => /no header line/.test(p.reason))).toBe(true);
    }
  });
});
