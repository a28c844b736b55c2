import { type AnyCheck, defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { SQL_TRIGGERS } from './sql-common.js';

type Engine = 'mysql' | 'postgres' | 'sqlserver';

const ENGINE_NAMES: Record<Engine, string> = {
  mysql: 'MySQL',
  postgres: 'PostgreSQL',
  sqlserver: 'SQL Server',
};

const DOCS: Record<Engine, string> = {
  mysql: 'https://cloud.google.com/sql/docs/mysql/flags',
  postgres: 'https://cloud.google.com/sql/docs/postgres/flags',
  sqlserver: 'https://cloud.google.com/sql/docs/sqlserver/flags',
};

interface FlagRule {
  id: string;
  engine: Engine;
  flag: string;
  title: string;
  /** the compliant setting, as a user would write it */
  want: string;
  /** is the flag's value (null: not set, the engine's default applies) compliant? */
  ok: (value: string | null) => boolean;
  severity?: 'high' | 'medium' | 'low';
  risk: string;
  /** the value to set, for the gcloud command */
  set: string;
}

const lower = (v: string | null) => v?.trim().toLowerCase() ?? null;
const is =
  (...values: string[]) =>
  (v: string | null) =>
    v !== null && values.includes(lower(v) ?? '');
const unsetOr =
  (...values: string[]) =>
  (v: string | null) =>
    v === null || values.includes(lower(v) ?? '');

/** Every database flag control of CIS GCP v4 / v5 section 6 (MySQL, PostgreSQL, SQL Server). */
const RULES: FlagRule[] = [
  {
    id: 'mysql_skip_show_database_on',
    engine: 'mysql',
    flag: 'skip_show_database',
    title: 'MySQL instances set skip_show_database on',
    want: 'on',
    ok: is('on'),
    risk: 'Without it, any user may run SHOW DATABASES and learn every database on the server, including ones it has no grant on.',
    set: 'skip_show_database=on',
  },
  {
    id: 'mysql_local_infile_off',
    engine: 'mysql',
    flag: 'local_infile',
    title: 'MySQL instances set local_infile off',
    want: 'off',
    ok: is('off'),
    risk: 'LOAD DATA LOCAL lets a malicious server or an injected query read files from the client machine.',
    set: 'local_infile=off',
  },
  {
    id: 'postgres_log_error_verbosity',
    engine: 'postgres',
    flag: 'log_error_verbosity',
    title: 'PostgreSQL instances set log_error_verbosity to default or terse',
    want: 'default or terse',
    ok: unsetOr('default', 'terse'),
    severity: 'low',
    risk: 'Verbose error logging writes source locations and internals to the logs, noise that hides what matters and leaks detail.',
    set: 'log_error_verbosity=default',
  },
  {
    id: 'postgres_log_connections_on',
    engine: 'postgres',
    flag: 'log_connections',
    title: 'PostgreSQL instances log connections',
    want: 'on',
    ok: is('on'),
    risk: 'Without connection logs, unauthorised or unusual connections cannot be found or investigated.',
    set: 'log_connections=on',
  },
  {
    id: 'postgres_log_disconnections_on',
    engine: 'postgres',
    flag: 'log_disconnections',
    title: 'PostgreSQL instances log disconnections',
    want: 'on',
    ok: is('on'),
    risk: 'Without disconnection logs, session lengths are unknown and suspicious sessions cannot be reconstructed.',
    set: 'log_disconnections=on',
  },
  {
    id: 'postgres_log_statement_ddl',
    engine: 'postgres',
    flag: 'log_statement',
    title: 'PostgreSQL instances log DDL statements at least',
    want: 'ddl (or mod, all)',
    ok: is('ddl', 'mod', 'all'),
    severity: 'low',
    risk: 'Schema changes (CREATE, ALTER, DROP) go unrecorded: destructive or malicious changes cannot be traced.',
    set: 'log_statement=ddl',
  },
  {
    id: 'postgres_log_min_messages_warning',
    engine: 'postgres',
    flag: 'log_min_messages',
    title: 'PostgreSQL instances log messages of warning level or more',
    want: 'warning or a more verbose level',
    ok: unsetOr('debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning'),
    severity: 'low',
    risk: 'A level above warning drops warnings from the logs, and with them early signs of misuse and failures.',
    set: 'log_min_messages=warning',
  },
  {
    id: 'postgres_log_min_error_statement_error',
    engine: 'postgres',
    flag: 'log_min_error_statement',
    title: 'PostgreSQL instances log failing statements at error level or stricter',
    want: 'error or a more severe level',
    ok: unsetOr('error', 'log', 'fatal', 'panic'),
    severity: 'low',
    risk: 'Logging the statements of lesser messages floods the logs; failing statements are what an investigation needs.',
    set: 'log_min_error_statement=error',
  },
  {
    id: 'postgres_log_min_duration_statement_off',
    engine: 'postgres',
    flag: 'log_min_duration_statement',
    title: 'PostgreSQL instances do not log statements by duration',
    want: '-1 (off)',
    ok: unsetOr('-1'),
    severity: 'low',
    risk: 'Logging statements by duration writes their full text, with any personal data or secrets in them, to the logs.',
    set: 'log_min_duration_statement=-1',
  },
  {
    id: 'postgres_pgaudit_on',
    engine: 'postgres',
    flag: 'cloudsql.enable_pgaudit',
    title: 'PostgreSQL instances enable pgAudit',
    want: 'on',
    ok: is('on'),
    risk: 'Without pgAudit, sessions and object access are not audited: who read or changed which data cannot be shown.',
    set: 'cloudsql.enable_pgaudit=on',
  },
  {
    id: 'sqlserver_external_scripts_off',
    engine: 'sqlserver',
    flag: 'external scripts enabled',
    title: 'SQL Server instances turn external scripts off',
    want: 'off',
    ok: unsetOr('off'),
    risk: "External scripts run R or Python code outside the engine's security boundary, with the service's rights.",
    set: '"external scripts enabled"=off',
  },
  {
    id: 'sqlserver_cross_db_ownership_chaining_off',
    engine: 'sqlserver',
    flag: 'cross db ownership chaining',
    title: 'SQL Server instances turn cross-database ownership chaining off',
    want: 'off',
    ok: unsetOr('off'),
    risk: 'Ownership chains across databases let a user of one database reach objects of another without a grant there.',
    set: '"cross db ownership chaining"=off',
  },
  {
    id: 'sqlserver_user_connections_unlimited',
    engine: 'sqlserver',
    flag: 'user connections',
    title: 'SQL Server instances do not cap user connections',
    want: 'not set, or 0 (no limit)',
    ok: unsetOr('0'),
    severity: 'low',
    risk: 'A cap on user connections lets a burst of connections deny the service to everyone else.',
    set: '"user connections"=0',
  },
  {
    id: 'sqlserver_user_options_unset',
    engine: 'sqlserver',
    flag: 'user options',
    title: 'SQL Server instances leave the user options flag unset',
    want: 'not set',
    ok: (v) => v === null || v.trim() === '',
    severity: 'low',
    risk: 'Global user options change the defaults of every session, which can silently change query results and security-relevant behaviour.',
    set: '(remove the flag)',
  },
  {
    id: 'sqlserver_remote_access_off',
    engine: 'sqlserver',
    flag: 'remote access',
    title: 'SQL Server instances turn remote access off',
    want: 'off',
    ok: is('off'),
    risk: 'Remote access lets stored procedures run from and on other servers: a path to move between database servers.',
    set: '"remote access"=off',
  },
  {
    id: 'sqlserver_trace_flag_3625_on',
    engine: 'sqlserver',
    flag: '3625',
    title: 'SQL Server instances set trace flag 3625 on',
    want: 'on',
    ok: is('on'),
    severity: 'low',
    risk: 'Without trace flag 3625, error messages shown to users without sysadmin rights may reveal sensitive details.',
    set: '3625=on',
  },
  {
    id: 'sqlserver_contained_db_auth_off',
    engine: 'sqlserver',
    flag: 'contained database authentication',
    title: 'SQL Server instances turn contained database authentication off',
    want: 'off',
    ok: unsetOr('off'),
    risk: "Users of contained databases authenticate inside the database, outside the server's logins and password policy.",
    set: '"contained database authentication"=off',
  },
];

function flagCheck(rule: FlagRule): AnyCheck {
  const engineName = ENGINE_NAMES[rule.engine];
  return defineCheck({
    id: `gcp.sql.${rule.id}`,
    title: rule.title,
    severity: rule.severity ?? 'medium',
    resource: 'gcp.sql.instance',
    triggers: SQL_TRIGGERS,
    description: `The ${engineName} instance does not set the database flag "${rule.flag}" to ${rule.want}.`,
    risk: rule.risk,
    remediation: {
      text: `Set the database flag "${rule.flag}" to ${rule.want}. Patching flags replaces the whole list: repeat the flags already set.`,
      cli: `gcloud sql instances patch <instance> --database-flags=${rule.set}[,<other flags already set>]`,
    },
    references: [DOCS[rule.engine]],
    evaluate: (r) => {
      const engine = (r.com as { engine?: string }).engine;
      if (engine !== rule.engine) return notApplicable(`not a ${engineName} instance (${String(engine)})`);
      const flags = r.ext.database_flags;
      if (typeof flags !== 'object' || flags === null) return error('the database flags could not be read');
      const raw = (flags as Record<string, string | null>)[rule.flag];
      const value = raw === undefined ? null : raw;
      if (rule.ok(value)) return pass(`"${rule.flag}" is ${value ?? 'not set (the default)'}`);
      return fail(
        `Cloud SQL instance ${r.com.name}: "${rule.flag}" is ${value === null ? 'not set' : `"${value}"`}, expected ${rule.want}`,
        { evidence: { flag: rule.flag, value, expected: rule.want } },
      );
    },
  });
}

/** One check per CIS database flag control. */
export const SQL_FLAG_CHECKS: AnyCheck[] = RULES.map(flagCheck);

/** A family of checks from one table: the check registry takes every one of them. */
export default SQL_FLAG_CHECKS;
