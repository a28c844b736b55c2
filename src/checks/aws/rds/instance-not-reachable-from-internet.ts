import { defineCheck, unreadableErrors } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import {
  type FirewallRuleCom,
  isInternetSource,
  parsePortRange,
  type RdbmsCom,
} from '../../../core/shapes.js';
import { about, extList, extNum } from '../facts.js';

const OPEN_PROTOCOLS = new Set(['tcp', 'all']);

/** Inbound rules of the groups that let any internet address reach the port. */
function openRules(rules: ResourceRecord[], groups: string[], port: number): string[] {
  const out: string[] = [];
  for (const r of rules) {
    const c = r.com as typeof r.com & Partial<FirewallRuleCom>;
    if (!groups.includes(String(r.ext.group_id)) || c.direction !== 'inbound') continue;
    if (!OPEN_PROTOCOLS.has(c.protocol ?? '')) continue;
    const sources = (c.source_addresses ?? []).filter(isInternetSource);
    if (sources.length === 0) continue;
    const covers = (c.destination_ports ?? []).some((p) => {
      const range = parsePortRange(p);
      return range !== null && port >= range.from && port <= range.to;
    });
    if (covers) out.push(`${String(r.ext.group_id)} from ${sources.join(', ')}`);
  }
  return out;
}

export default defineCheck({
  id: 'aws.rds.instance_not_reachable_from_internet',
  title: 'RDS instances cannot be reached from the internet',
  severity: 'critical',
  scope: 'account',
  clouds: ['aws'],
  uses: ['aws.rds.db_instance', 'aws.ec2.security_group', 'aws.ec2.security_group_rule'],
  triggers: [],
  description:
    'The database is publicly accessible and one of its security groups allows its port from any address (0.0.0.0/0 or ::/0): anyone on the internet can connect to it.',
  risk: 'Databases open to the internet are found by scanners within minutes and face credential stuffing and engine exploits; data theft and ransom follow.',
  remediation: {
    text: 'Turn off public accessibility and allow the database port only from the application tier security group.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately\naws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port <db-port> --cidr 0.0.0.0/0',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html',
  ],
  evaluate(ctx) {
    // A group that could not be read is missing from both lists below: its databases get an
    // error unless a readable group already opens them.
    const rules = ctx.readable('aws.ec2.security_group_rule').records;
    const groupData = ctx.readable('aws.ec2.security_group');
    const knownGroups = new Set(groupData.records.map((g) => String(g.ext.group_id)));
    const { records: dbs, unreadable } = ctx.readable('aws.rds.db_instance');
    if (dbs.length === 0 && unreadable.length === 0) return pass('the account has no RDS instances');
    const verdicts = dbs.map((db): CheckResult => {
      const subject = { resource: about(db) };
      const c = db.com as typeof db.com & Partial<RdbmsCom>;
      if (c.publicly_accessible === false) return { ...pass('not publicly accessible'), ...subject };
      if (c.publicly_accessible !== true)
        return { ...error('public accessibility is unreadable'), ...subject };
      const port = extNum(db, 'port');
      const groups = (extList<string>(db, 'vpc_security_groups') ?? []).filter((g) => typeof g === 'string');
      if (port === null) return { ...error('the database port is unreadable'), ...subject };
      const inRegion = rules.filter((r) => r.com.region === db.com.region);
      const open = openRules(inRegion, groups, port);
      if (open.length > 0) {
        return {
          ...fail(`${db.com.name} is public and port ${port} is open to the internet: ${open.join('; ')}`),
          ...subject,
        };
      }
      const missing = groups.filter((g) => !knownGroups.has(g));
      const blind = groupData.unreadable.filter((u) => u.region === db.com.region);
      if (missing.length > 0 || (groups.length === 0 && blind.length > 0)) {
        const why = blind.length > 0 ? `: ${blind.map((u) => u.reason).join('; ')}` : '';
        return {
          ...error(`the security groups ${missing.join(', ')} of the database were not read${why}`),
          ...subject,
        };
      }
      return { ...pass(`public, but no security group opens port ${port} to the internet`), ...subject };
    });
    return [...verdicts, ...unreadableErrors(ctx, unreadable)];
  },
});
