import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Entry {
  rule_number: number | null;
  direction: string;
  action: string | null;
  protocol: string | null;
  cidr: string | null;
  ports: { from: number; to: number } | null;
}

const ANY = ['0.0.0.0/0', '::/0'];

/** The first entry (lowest rule number) that decides TCP traffic from `cidr` to `port`. */
function decides(entries: Entry[], cidr: string, port: number): Entry | undefined {
  return entries.find(
    (e) =>
      e.direction === 'inbound' &&
      e.cidr === cidr &&
      (e.protocol === 'all' || e.protocol === 'tcp') &&
      (e.ports === null || e.protocol === 'all' || (port >= e.ports.from && port <= e.ports.to)),
  );
}

export default defineCheck({
  id: 'aws.ec2.network_acl_no_admin_ports_from_internet',
  title: 'No network ACL allows SSH or RDP from the internet',
  severity: 'medium',
  resource: 'aws.ec2.network_acl',
  triggers: ['ReplaceNetworkAclAssociation'],
  description:
    'Traffic from any address (0.0.0.0/0 or ::/0) to a remote administration port (22, 3389 by default) is allowed by the network ACL: the first matching entry is an allow.',
  risk: 'The network ACL is the subnet-wide second line of defence; allowing administration ports from anywhere leaves the security groups as the only barrier.',
  remediation: {
    text: 'Add deny entries for the administration ports from 0.0.0.0/0 and ::/0 with a lower rule number than the allow entries, or narrow the allow entries to trusted ranges.',
    cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny\naws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 51 --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
  params: z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1).default([22, 3389]) }),
  evaluate(acl, { ports }) {
    const entries = extList<Entry>(acl, 'entries');
    if (entries === null) return error('the entries of the network ACL are unreadable');
    const open: string[] = [];
    for (const cidr of ANY) {
      for (const port of ports) {
        const e = decides(entries, cidr, port);
        if (e?.action === 'allow') open.push(`${port} from ${cidr} (rule ${e.rule_number})`);
      }
    }
    if (open.length > 0) return fail(`${acl.com.name} allows ${open.join(', ')}`);
    return pass('administration ports are not allowed from the internet');
  },
});
