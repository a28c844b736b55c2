import {
  CloudWatchLogsClient,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCheckpoint, openSource } from '../../../src/detect/sources/index.js';
import { collect } from './helpers.js';

const cwl = mockClient(CloudWatchLogsClient);
afterEach(() => cwl.reset());

const GROUP = 'aws-cloudtrail-logs-111122223333-org';
const STREAM = '111122223333_CloudTrail_us-east-1';

function trailMessage(name: string, ms: number): string {
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ops', accountId: '111122223333' },
    eventTime: new Date(ms).toISOString().replace('.000', ''),
    eventSource: 'kms.amazonaws.com',
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.30',
    eventID: `cwl-${name}`,
    recipientAccountId: '111122223333',
  });
}

/** A log group in memory, answered like FilterLogEvents: sorted by time, from startTime, in small pages. */
function serveGroup(events: FilteredLogEvent[], pageSize = 2) {
  cwl.on(FilterLogEventsCommand).callsFake((input: FilterLogEventsCommandInput) => {
    const from = input.startTime ?? 0;
    const matching = events
      .filter((e) => (e.timestamp ?? 0) >= from)
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    const offset = input.nextToken ? Number(input.nextToken.split('/')[1]) : 0;
    const page = matching.slice(offset, offset + pageSize);
    const next = offset + pageSize < matching.length ? `f/${offset + pageSize}` : undefined;
    return {
      $metadata: { httpStatusCode: 200 },
      events: page,
      searchedLogStreams: [],
      ...(next ? { nextToken: next } : {}),
    };
  });
}

function logEvent(id: string, ms: number, message: string): FilteredLogEvent {
  return { logStreamName: STREAM, timestamp: ms, message, ingestionTime: ms + 500, eventId: id };
}

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

describe('CloudTrail from CloudWatch Logs', () => {
  it('reads every page, reports broken messages, and resumes from the checkpoint without repeats', async () => {
    const events = [
      logEvent('e1', T0, trailMessage('DisableKey', T0)),
      logEvent('e2', T0 + 1000, '{"eventVersion": "1.09", "eventName": '),
      logEvent('e3', T0 + 2000, trailMessage('ScheduleKeyDeletion', T0 + 2000)),
      logEvent('e4', T0 + 2000, trailMessage('Decrypt', T0 + 2000)),
    ];
    serveGroup(events);
    const checkpoint = new MemoryCheckpoint();
    const src = openSource({ type: 'cloudtrail', log_group: GROUP }, { checkpoint });
    const first = await collect(src);
    expect(first.map((e) => e.com.action)).toEqual(['DisableKey', 'ScheduleKeyDeletion', 'Decrypt']);
    expect(first[0]?.com).toMatchObject({ service: 'kms', time: '2024-05-01T12:00:00.000Z' });
    expect(first[0]?.ext.source).toEqual({ file: `${GROUP}:${STREAM}`, index: 0 });
    expect(first[0]?.ext.log_event_id).toBe('e1');
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]).toMatchObject({ file: `${GROUP}:${STREAM}`, position: { index: 1 } });
    expect(src.problems[0]?.reason).toMatch(/^not JSON/);
    const state = JSON.parse((await checkpoint.get(`cloudwatch-logs:${GROUP}`)) ?? '{}');
    expect(state.time).toBe(T0 + 2000);

    // a late event (timestamp within the lookback) and a new one arrive
    events.push(logEvent('e5', T0 + 1500, trailMessage('PutKeyPolicy', T0 + 1500)));
    events.push(logEvent('e6', T0 + 9000, trailMessage('CreateGrant', T0 + 9000)));
    const second = await collect(src);
    expect(second.map((e) => e.com.action)).toEqual(['PutKeyPolicy', 'CreateGrant']);
    // the second read started one lookback (60 s) before the newest timestamp read
    const last = cwl.commandCalls(FilterLogEventsCommand).at(-1);
    expect(last?.args[0].input).toMatchObject({ logGroupName: GROUP, startTime: T0 + 2000 - 60_000 });
  });

  it('starts at --since when there is no checkpoint and accepts a log group ARN', async () => {
    serveGroup([
      logEvent('a', T0, trailMessage('Old', T0)),
      logEvent('b', T0 + 5000, trailMessage('New', T0 + 5000)),
    ]);
    const arn = `arn:aws:logs:us-east-1:111122223333:log-group:${GROUP}`;
    const src = openSource({ type: 'cloudtrail', log_group: arn }, { since: new Date(T0 + 1000) });
    expect((await collect(src)).map((e) => e.com.action)).toEqual(['New']);
    expect(cwl.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toMatchObject({
      logGroupIdentifier: arn,
      startTime: T0 + 1000,
    });
  });

  it('reports an API failure with the log group instead of throwing', async () => {
    cwl.on(FilterLogEventsCommand).rejects(
      Object.assign(new Error('The specified log group does not exist.'), {
        name: 'ResourceNotFoundException',
      }),
    );
    const src = openSource({ type: 'cloudtrail', log_group: 'missing' });
    expect(await collect(src)).toEqual([]);
    expect(src.problems[0]).toMatchObject({ file: 'missing' });
    expect(src.problems[0]?.reason).toMatch(/ResourceNotFoundException/);
  });
});

describe('VPC flow logs from CloudWatch Logs', () => {
  it('parses header-less records with the given format', async () => {
    const names = [
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
      'flow-direction',
    ];
    // the flow log's LogFormat syntax: ${version} ${account-id} ...
    const format = names.map((n) => `\${${n}}`).join(' ');
    serveGroup([
      logEvent(
        'v1',
        T0,
        '5 111122223333 eni-0a1b2c3d4e5f60718 203.0.113.5 10.0.1.20 51515 22 6 3 180 1714564800 1714564860 REJECT OK ingress',
      ),
      logEvent('v2', T0 + 1, '5 111122223333 eni-0a1b2c3d4e5f60718 10.0.1.20 203.0.113.5 22 51515 6'),
    ]);
    const src = openSource({ type: 'vpcflow', log_group: '/vpc/flow', format });
    const events = await collect(src);
    expect(events).toHaveLength(1);
    expect(events[0]?.com).toMatchObject({ action: 'REJECT', outcome: 'failure', source_ip: '203.0.113.5' });
    expect(events[0]?.ext).toMatchObject({ dstport: 22, flow_direction: 'ingress' });
    expect(src.problems[0]?.reason).toMatch(/expected 15 fields/);
  });
});
