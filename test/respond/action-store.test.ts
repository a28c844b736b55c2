import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/remediation.js';
import type { ActionStore } from '../../src/store/actions.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

/* The action store's contract, on SQLite and (when reachable) PostgreSQL. */

const record = (id: string, at: string, over: Partial<ActionRecord> = {}): ActionRecord => ({
  id,
  action: 'aws.ec2.revoke_world_ingress',
  state: 'planned',
  mode: 'apply',
  trigger: { kind: 'cli', by: 'test' },
  target: {
    cloud: 'aws',
    account: '111122223333',
    region: 'eu-west-1',
    reference: `arn:x:${id}`,
    name: id,
    details: {},
  },
  target_key: `k|${id}`,
  plan: {
    calls: [{ action: 'ec2:RevokeSecurityGroupIngress', params: { GroupId: 'sg-1' } }],
    undo: [],
    before: null,
  },
  calls: [],
  kept: {},
  undo_calls: [],
  note: null,
  owner: null,
  created_at: at,
  updated_at: at,
  ...over,
});

function contract(name: string, open: () => Promise<{ store: Store; close(): Promise<void> }>) {
  describe(`action store on ${name}`, () => {
    let s: { store: Store; close(): Promise<void> } | undefined;
    let actions: ActionStore;
    beforeAll(async () => {
      s = await open();
      actions = await s.store.openActions();
    });
    afterAll(async () => {
      await actions?.close();
      await s?.close();
    });

    it('records, reads back, lists newest first and filters', async () => {
      expect(await actions.insert(record('act-1', '2026-01-01T00:00:00.000Z'))).toBe(true);
      expect(await actions.insert(record('act-1', '2026-01-01T00:00:00.000Z'))).toBe(false);
      await actions.insert(record('act-2', '2026-01-02T00:00:00.000Z', { state: 'applied' }));
      expect((await actions.get('act-1'))?.plan?.calls[0]?.params).toEqual({ GroupId: 'sg-1' });
      expect((await actions.list()).map((r) => r.id)).toEqual(['act-2', 'act-1']);
      expect((await actions.list({ states: ['applied'] })).map((r) => r.id)).toEqual(['act-2']);
      expect((await actions.list({ target_key: 'k|act-1' })).map((r) => r.id)).toEqual(['act-1']);
      expect(await actions.countSince(Date.parse('2026-01-01T12:00:00Z'), ['applied', 'planned'])).toBe(1);
      expect(await actions.get('nope')).toBeNull();
    });

    it('changes an action only from the states given (compare and set)', async () => {
      const running = await actions.update('act-1', ['planned'], { state: 'running', owner: 'h:1' });
      expect(running).toMatchObject({ state: 'running', owner: 'h:1' });
      expect(await actions.update('act-1', ['planned'], { state: 'running' })).toBeNull();
      const all = await Promise.all([
        actions.update('act-1', ['running'], { state: 'applied' }),
        actions.update('act-1', ['running'], { state: 'failed' }),
      ]);
      expect(all.filter((x) => x !== null)).toHaveLength(1);
    });
  });
}

contract('SQLite', async () => {
  const store = await openSqliteStore(':memory:');
  return { store, close: () => store.close() };
});

const PG = 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await (async () => {
  try {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: PG, connectionTimeoutMillis: 1000 });
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
})();
if (!reachable)
  console.warn('action store: PostgreSQL at 127.0.0.1:5432 is not reachable; its contract is skipped');
describe.skipIf(!reachable)('PostgreSQL', () => {
  const schema = `cw_actions_${process.pid}`;
  contract('PostgreSQL', async () => {
    const { openPostgresStore } = await import('../../src/store/postgres.js');
    const store = await openPostgresStore(`${PG}?schema=${schema}`);
    return {
      store,
      close: async () => {
        await store.close();
        const { default: pg } = await import('pg');
        const c = new pg.Client({ connectionString: PG });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  });
});
