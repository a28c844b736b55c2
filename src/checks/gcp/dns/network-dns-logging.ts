import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, fail, pass } from '../../../core/result.js';

const NETWORK = 'gcp.compute.network';
const POLICY = 'gcp.dns.policy';

/** projects/P/global/networks/N, however the URL is written (compute v1 or beta, with or without host) */
const networkKey = (url: string) => url.replace(/^.*?\/projects\//, 'projects/');

/** the network's name, the last segment of its URL */
const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export default defineCheck({
  id: 'gcp.dns.network_dns_logging_enabled',
  title: 'Cloud DNS logging is on for every VPC network',
  severity: 'low',
  scope: 'account',
  uses: [NETWORK, POLICY],
  triggers: [
    'dns.policies.create',
    'dns.policies.patch',
    'dns.policies.update',
    'v1.compute.networks.insert',
  ],
  description:
    'A VPC network is attached to no Cloud DNS server policy that logs queries, so the DNS lookups of its VMs are not recorded.',
  risk: 'DNS queries show which hosts a workload talks to: without them, command-and-control lookups and DNS exfiltration go unseen.',
  remediation: {
    text: 'Attach a DNS server policy with logging on to the network (or turn logging on in the policy it has).',
    cli: 'gcloud dns policies create enable-dns-logging --networks=<network> --enable-logging --description="DNS query logging"',
  },
  references: ['https://cloud.google.com/dns/docs/monitoring'],
  evaluate(ctx) {
    const networks = ctx.resources(NETWORK);
    const policies = ctx.resources(POLICY);
    const logged = new Map<string, ResourceRecord>();
    for (const p of policies) {
      if (p.ext.logging !== true) continue;
      for (const url of (p.ext.networks as string[] | undefined) ?? []) logged.set(networkKey(url), p);
    }
    const out: CheckResult[] = [];
    for (const n of networks) {
      const key = `projects/${n.com.account}/global/networks/${n.com.name}`;
      const by = logged.get(key) ?? logged.get(networkKey(n.com.reference));
      if (by) continue;
      const attached = policies.find((p) =>
        ((p.ext.networks as string[] | undefined) ?? []).some((u) => nameOf(u) === n.com.name),
      );
      out.push({
        ...fail(
          attached
            ? `network ${n.com.name} is attached to DNS policy ${attached.com.name}, which does not log queries`
            : `network ${n.com.name} is attached to no DNS policy that logs queries`,
          { evidence: { network: n.com.name, dns_policy: attached?.com.name ?? null } },
        ),
        resource: { reference: n.com.reference, name: n.com.name, record_type: NETWORK },
      });
    }
    if (out.length > 0) return out;
    return [
      pass(
        networks.length === 0
          ? `project ${ctx.account} has no VPC network`
          : `every network of project ${ctx.account} logs its DNS queries`,
      ),
    ];
  },
});
