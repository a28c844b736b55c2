import { isInternetSource } from '../../../core/shapes.js';
import type { RestParams } from '../../kit/rest-action.js';
import { defineGcpAction, type GcpRead, gcpTarget } from '../action.js';

const GET = 'compute.firewalls.get';
const UPDATE = 'compute.firewalls.update';

const request = (d: Record<string, string>, method: RestParams['method'], body?: unknown): RestParams => ({
  method,
  api: 'compute',
  path: `compute/v1/projects/${d.project}/global/firewalls/${d.firewall}`,
  ...(body !== undefined ? { body } : {}),
});

interface Firewall {
  direction?: string;
  disabled?: boolean;
  sourceRanges?: string[];
  allowed?: unknown[];
}

const opensInternet = (f: Firewall | null): boolean =>
  !!f &&
  f.disabled !== true &&
  (f.direction ?? 'INGRESS') === 'INGRESS' &&
  Array.isArray(f.allowed) &&
  f.allowed.length > 0 &&
  (f.sourceRanges ?? []).some(isInternetSource);

const read = async (r: GcpRead, d: Record<string, string>) =>
  (await r(GET, request(d, 'GET'))) as Firewall | null;

export default defineGcpAction({
  id: 'gcp.compute.disable_internet_firewall_rule',
  title: 'Disable a VPC firewall rule that allows traffic in from anywhere (0.0.0.0/0, ::/0)',
  fixes: [
    'gcp.compute.firewall_no_ssh_from_internet',
    'gcp.compute.firewall_no_rdp_from_internet',
    'common.network.no_sensitive_port_open_to_internet',
  ],
  writes: [UPDATE],
  reads: [GET],
  target(finding) {
    const m = /\/projects\/([^/]+)\/global\/firewalls\/([^/#?]+)/.exec(finding.com.reference);
    if (finding.com.cloud_type !== 'gcp' || !m)
      return { refused: `${finding.com.reference} is not a VPC firewall rule` };
    return gcpTarget(finding, m[1] as string, { project: m[1] as string, firewall: m[2] as string });
  },
  async plan(t, r) {
    const fw = await read(r, t.details);
    const before = fw ? { disabled: fw.disabled === true, sourceRanges: fw.sourceRanges ?? [] } : null;
    if (!fw)
      return { calls: [], undo: [], before, noop: `firewall rule ${t.details.firewall} no longer exists` };
    if (!opensInternet(fw))
      return {
        calls: [],
        undo: [],
        before,
        noop: `firewall rule ${t.details.firewall} no longer lets the internet in`,
      };
    return {
      before,
      calls: [
        {
          action: UPDATE,
          params: { ...request(t.details, 'PATCH', { disabled: true }) },
          why: `ingress from ${(fw.sourceRanges ?? []).filter(isInternetSource).join(', ')}; disabled, not deleted, so the undo is exact`,
        },
      ],
      undo: [{ action: UPDATE, params: { ...request(t.details, 'PATCH', { disabled: false }) } }],
    };
  },
  async verify(t, r) {
    return !opensInternet(await read(r, t.details));
  },
});
