import type { ResourceRecord } from '../../../core/record.js';
import { extStr } from '../facts.js';

/** The engine of an RDS record (com.engine of instances, ext.engine of clusters), '' when unknown. */
export function engineOf(r: ResourceRecord): string {
  const e = (r.com as Record<string, unknown>).engine ?? r.ext.engine;
  return typeof e === 'string' ? e : '';
}

/** An instance of an Aurora or Multi-AZ DB cluster: backups, tags, users are the cluster's. */
export const isClusterMember = (db: ResourceRecord): boolean =>
  engineOf(db).startsWith('aurora') || extStr(db, 'cluster_identifier') !== null;

/** DocumentDB and Neptune clusters are listed by the RDS API too; their own controls cover them. */
export const isRdsClusterEngine = (engine: string): boolean => engine !== 'docdb' && engine !== 'neptune';

/** The port each engine listens on unless told otherwise. */
export function defaultPort(engine: string): number | null {
  if (/^(mysql|mariadb|aurora-mysql|aurora)$/.test(engine)) return 3306;
  if (/^(postgres|aurora-postgresql)$/.test(engine)) return 5432;
  if (engine.startsWith('oracle')) return 1521;
  if (engine.startsWith('sqlserver')) return 1433;
  if (engine.startsWith('db2')) return 50000;
  return null;
}

/** The administrator names the console and the engines propose: well known to attackers. */
export const DEFAULT_ADMIN_NAMES = new Set(['admin', 'postgres', 'root', 'sa', 'master']);
