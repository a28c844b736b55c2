import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extNum, whyUnknown } from '../../facts.js';
import { SQL_DOCS, SQL_SERVER } from './server.js';

/** CIS: audit records are kept for more than 90 days. */
export const MIN_AUDIT_RETENTION_DAYS = 90;

export default defineCheck({
  id: 'azure.sql.server_audit_retention_90_days',
  title: 'Azure SQL server audit records are kept for at least 90 days',
  severity: 'low',
  resource: SQL_SERVER,
  facts: { [SQL_SERVER]: ['auditing_enabled', 'audit_retention_days'] },
  triggers: ['Microsoft.Sql/servers/auditingSettings/write'],
  description: `The server's auditing policy deletes audit records after fewer than ${MIN_AUDIT_RETENTION_DAYS} days.`,
  risk: 'Intrusions are often found months after they start; without older audit records there is nothing to investigate.',
  remediation: {
    text: `Set the audit retention to ${MIN_AUDIT_RETENTION_DAYS} days or more (0 keeps records without limit).`,
    cli: `az sql server audit-policy update --resource-group <group> --name <server> --retention-days ${MIN_AUDIT_RETENTION_DAYS}`,
  },
  references: [`${SQL_DOCS}auditing-overview`],
  evaluate(r) {
    const on = extBool(r, 'auditing_enabled');
    if (on === false) return notApplicable('server auditing is off');
    const days = extNum(r, 'audit_retention_days');
    if (on === null || days === null)
      return error(
        `${r.com.name}: the auditing policy could not be read${whyUnknown(r, 'audit_retention_days', 'auditing_enabled')}`,
      );
    if (days === 0) return pass(`${r.com.name} keeps audit records without limit`);
    return days >= MIN_AUDIT_RETENTION_DAYS
      ? pass(`${r.com.name} keeps audit records for ${days} days`)
      : fail(`${r.com.name} keeps audit records for ${days} days, fewer than ${MIN_AUDIT_RETENTION_DAYS}`, {
          evidence: { retention_days: days },
        });
  },
});
