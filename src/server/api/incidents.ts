import type { Incident } from '../../core/incidents.js';
import { SEVERITIES } from '../../core/severity.js';
import type { ServerContext } from '../context.js';
import { type ApiRequest, notFound } from '../http.js';
import { int, oneOf, str, time } from '../params.js';

/** An incident as the Activity page shows it: without the detection ids it keeps to count each once. */
export type IncidentView = Omit<Incident, 'seen' | 'principal_key'>;

function view(i: Incident): IncidentView {
  const { seen: _seen, principal_key: _key, ...rest } = i;
  return rest;
}

/** GET /api/incidents: newest activity first; ?from, ?to, ?principal, ?min_severity, ?limit, ?offset. */
export async function listIncidents(req: ApiRequest, ctx: ServerContext) {
  const limit = int(req.query, 'limit', 20, 1, 200);
  const offset = int(req.query, 'offset', 0, 0, 10_000_000);
  if (!ctx.incidents) return { total: 0, limit, offset, items: [] as IncidentView[], available: false };
  const from = time(req.query, 'from');
  const to = time(req.query, 'to');
  const principal = str(req.query, 'principal', 500);
  const minSeverity = oneOf(req.query, 'min_severity', SEVERITIES);
  const page = await ctx.incidents.incidents({
    limit,
    offset,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(principal ? { principal } : {}),
    ...(minSeverity ? { min_severity: minSeverity } : {}),
  });
  return { total: page.total, limit, offset, items: page.items.map(view), available: true };
}

/** GET /api/incidents/:id */
export async function getIncident(req: ApiRequest, ctx: ServerContext) {
  const id = req.params.id ?? '';
  const found = ctx.incidents ? await ctx.incidents.getIncident(id) : null;
  if (!found) throw notFound(`no incident has the id "${id}"`);
  return view(found);
}
