import { AzureError } from './errors.js';
import type { AzureTransport } from './transport.js';
import { armPath } from './urls.js';

/** api-versions of the scope discovery calls (pinned, like every Resource Manager call) */
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
export const MANAGEMENT_GROUPS_API_VERSION = '2023-04-01';

/** Subscription states whose resources can be read; Disabled and Deleted ones are skipped. */
const READABLE_STATES = new Set(['enabled', 'warned', 'pastdue']);

export interface AzureSubscription {
  /** the subscription id, lower case */
  id: string;
  /** the display name, for people; ids stay the reference */
  name: string;
  state: string;
  tenantId?: string;
}

export interface SkippedSubscription {
  id: string;
  name?: string;
  /** why it is not scanned */
  reason: string;
  /** set when it could not be read (the scan reports it as an error, not as "nothing there") */
  error?: AzureError;
}

export interface SubscriptionPlan {
  subscriptions: AzureSubscription[];
  skipped: SkippedSubscription[];
}

export interface SubscriptionSelection {
  subscriptions: 'all' | readonly string[];
  management_group?: string | undefined;
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

interface RawSubscription {
  subscriptionId?: unknown;
  displayName?: unknown;
  state?: unknown;
  tenantId?: unknown;
}

function toSubscription(raw: RawSubscription): AzureSubscription | undefined {
  if (typeof raw.subscriptionId !== 'string' || !raw.subscriptionId) return undefined;
  const id = raw.subscriptionId.toLowerCase();
  const out: AzureSubscription = {
    id,
    name: typeof raw.displayName === 'string' && raw.displayName ? raw.displayName : id,
    state: typeof raw.state === 'string' ? raw.state : 'Unknown',
  };
  if (typeof raw.tenantId === 'string' && raw.tenantId) out.tenantId = raw.tenantId;
  return out;
}

/** Every subscription the credential can list (GET /subscriptions), whatever its state. */
export async function listSubscriptions(t: AzureTransport): Promise<AzureSubscription[]> {
  const raw = await t.list<RawSubscription>('arm', '/subscriptions', {
    'api-version': SUBSCRIPTIONS_API_VERSION,
  });
  const out: AzureSubscription[] = [];
  for (const r of raw) {
    const s = toSubscription(r);
    if (s) out.push(s);
  }
  return out;
}

export interface ManagementGroupMember {
  id: string;
  name: string;
}

/**
 * The subscriptions anywhere below a management group (its descendants, nested groups
 * included). Descendants name each subscription but not its state.
 */
export async function managementGroupSubscriptions(
  t: AzureTransport,
  groupId: string,
): Promise<ManagementGroupMember[]> {
  const path = armPath('/providers/Microsoft.Management/managementGroups/{group}/descendants', {
    group: groupId,
  });
  const items = await t.list<{
    id?: unknown;
    type?: unknown;
    name?: unknown;
    properties?: { displayName?: unknown };
  }>('arm', path, { 'api-version': MANAGEMENT_GROUPS_API_VERSION });
  const out = new Map<string, ManagementGroupMember>();
  for (const item of items) {
    const type = typeof item.type === 'string' ? item.type.toLowerCase() : '';
    const idPath = typeof item.id === 'string' ? item.id : '';
    const isSubscription = type.endsWith('/subscriptions') || /^\/subscriptions\/[^/]+$/i.test(idPath);
    if (!isSubscription) continue;
    const id = (
      typeof item.name === 'string' && item.name ? item.name : (idPath.split('/').pop() ?? '')
    ).toLowerCase();
    if (!id) continue;
    const displayName = item.properties?.displayName;
    out.set(id, { id, name: typeof displayName === 'string' && displayName ? displayName : id });
  }
  return [...out.values()];
}

function readable(s: AzureSubscription): boolean {
  return READABLE_STATES.has(s.state.toLowerCase());
}

function stateSkip(s: AzureSubscription): SkippedSubscription {
  return { id: s.id, name: s.name, reason: `subscription state is ${s.state}` };
}

/**
 * The subscriptions to scan:
 *
 * - `subscriptions: all`: every one the credential lists;
 * - with `management_group`: those below the group that the credential can also list;
 * - a list: each one read by id, so one that cannot be read is reported with Azure's reason
 *   (SubscriptionNotFound, AuthorizationFailed) while the others are scanned;
 *
 * then `include` / `exclude` (ids). Disabled and deleted subscriptions are skipped with their
 * state as the reason. Throttled or failed discovery reads throw: without the list nothing
 * can be scanned and nothing may be reported as passing.
 */
export async function resolveSubscriptions(
  t: AzureTransport,
  sel: SubscriptionSelection,
): Promise<SubscriptionPlan> {
  const subscriptions: AzureSubscription[] = [];
  const skipped: SkippedSubscription[] = [];
  const include = sel.include?.length ? new Set(sel.include.map((s) => s.toLowerCase())) : undefined;
  const exclude = new Set((sel.exclude ?? []).map((s) => s.toLowerCase()));
  const wanted = (id: string) => (!include || include.has(id)) && !exclude.has(id);

  if (sel.subscriptions !== 'all') {
    for (const requested of [...new Set(sel.subscriptions.map((s) => s.toLowerCase()))]) {
      if (!wanted(requested)) continue;
      try {
        const raw = await t.get<RawSubscription>('arm', armPath('/subscriptions/{id}', { id: requested }), {
          'api-version': SUBSCRIPTIONS_API_VERSION,
        });
        const s = raw ? toSubscription(raw) : undefined;
        if (!s) {
          skipped.push({ id: requested, reason: 'the answer named no subscription' });
          continue;
        }
        if (readable(s)) subscriptions.push(s);
        else skipped.push(stateSkip(s));
      } catch (e) {
        if (!(e instanceof AzureError) || (e.kind !== 'absent' && e.kind !== 'denied')) throw e;
        skipped.push({ id: requested, reason: `cannot be read: ${e.message}`, error: e });
      }
    }
    return { subscriptions, skipped };
  }

  const listed = await listSubscriptions(t);
  let candidates: AzureSubscription[] = listed;
  if (sel.management_group) {
    const members = await managementGroupSubscriptions(t, sel.management_group);
    const byId = new Map(listed.map((s) => [s.id, s]));
    candidates = [];
    for (const m of members) {
      const s = byId.get(m.id);
      if (s) candidates.push(s);
      else if (wanted(m.id)) {
        skipped.push({
          id: m.id,
          name: m.name,
          reason: `in management group ${sel.management_group} but not listed for the credential (no role on it?)`,
        });
      }
    }
  }
  for (const s of candidates) {
    if (!wanted(s.id)) continue;
    if (readable(s)) subscriptions.push(s);
    else skipped.push(stateSkip(s));
  }
  if (include) {
    const found = new Set([...subscriptions, ...skipped].map((s) => s.id));
    for (const id of include) {
      if (!found.has(id) && !exclude.has(id)) {
        skipped.push({ id, reason: 'in include but not among the subscriptions found for the credential' });
      }
    }
  }
  return { subscriptions, skipped };
}
