import { describeIssues } from '../core/issues.js';
import type { Collection, NormaliseError, Normaliser, NormaliserRegistry } from '../core/provider.js';
import { type ResourceRecord, resourceRecordSchema } from '../core/record.js';
import { COMMON_SHAPES } from '../core/shapes.js';
import { AWS_NORMALISERS } from './aws/resources/index.js';
import azureMysqlServer from './azure/normalisers/mysql-server.js';
import azurePostgresqlServer from './azure/normalisers/postgresql-server.js';
import { AZURE_NORMALISERS } from './azure/resources/index.js';
import { GCP_NORMALISERS } from './gcp/resources/index.js';
import { isRecord } from './normalise-kit.js';

/**
 * Every normaliser, one per collector type: those of the resource modules (AWS, Azure, GCP), and the
 * snapshot-only ones of types no live collector reads yet.
 */
export const NORMALISERS: Normaliser[] = [
  ...AWS_NORMALISERS,
  azurePostgresqlServer,
  azureMysqlServer,
  ...AZURE_NORMALISERS,
  ...GCP_NORMALISERS,
];

const BY_TYPE = new Map(NORMALISERS.map((n) => [n.type, n]));

export function normaliserFor(type: string): Normaliser | undefined {
  return BY_TYPE.get(type);
}

/** The collector types that produce any of the requested ext or com record types. */
export function collectorTypesFor(types: ReadonlySet<string>): string[] {
  return NORMALISERS.filter((n) => n.produces.some((p) => types.has(p))).map((n) => n.type);
}

export type { NormaliseError };

/** Validate one record against the record schema and the shape of its com.record_type. */
export function checkRecord(rec: ResourceRecord): string | null {
  const base = resourceRecordSchema.safeParse(rec);
  if (!base.success)
    return `invalid record ${rec.com?.reference ?? ''}: ${describeIssues(base.error.issues, rec, { max: Number.POSITIVE_INFINITY })}`.trim();
  const shape = COMMON_SHAPES[rec.com.record_type];
  if (shape) {
    const s = shape.safeParse(rec.com);
    if (!s.success)
      return `invalid ${rec.com.record_type} record ${rec.com.reference}: ${describeIssues(s.error.issues, rec.com, { at: 'com', max: Number.POSITIVE_INFINITY })}`;
  }
  return null;
}

/**
 * Normalise every item of a collection. A bad item (missing id, a field of the wrong type, a
 * record that fails validation) becomes one error entry naming the type, the item index and
 * the field ("aws.ec2.security_group item 3" / "IpPermissions[0].IpRanges: expected an array,
 * got string"); the other items still come through. A collection that failed as a whole (`error`) yields nothing here: its
 * reason is the collection's own `error`, which the caller reports.
 */
export function normaliseCollection(c: Collection): { records: ResourceRecord[]; errors: NormaliseError[] } {
  const records: ResourceRecord[] = [];
  const errors: NormaliseError[] = [];
  if (c.error !== undefined || c.items === undefined) return { records, errors };
  const n = normaliserFor(c.type);
  if (!n) {
    errors.push({ reference: c.type, message: `no normaliser for collector type "${c.type}"` });
    return { records, errors };
  }
  const scope = {
    cloud: c.cloud,
    account: c.account,
    region: c.region,
    ...(c.partition ? { partition: c.partition } : {}),
  };
  c.items.forEach((item, index) => {
    const reference = `${c.type} item ${index}`;
    if (!isRecord(item)) {
      errors.push({ reference, message: 'item is not a JSON object' });
      return;
    }
    try {
      const out = n.normalise(item, scope);
      const bad = out.map(checkRecord).find((m) => m !== null);
      if (bad) {
        errors.push({ reference, message: bad });
        return;
      }
      records.push(...out);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // normalisers prefix their messages with the type, which the reference already names
      errors.push({
        reference,
        message: message.startsWith(`${c.type}: `) ? message.slice(c.type.length + 2) : message,
      });
    }
  });
  return { records, errors };
}

/** Every record type a collector yields: its own type plus what its normaliser produces. */
export function producedBy(collectorType: string): readonly string[] {
  return normaliserFor(collectorType)?.produces ?? [collectorType];
}

/** The registry the engine normalises with (core knows only the interface). */
export const NORMALISERS_REGISTRY: NormaliserRegistry = {
  producedBy,
  collectorTypesFor,
  normalise: normaliseCollection,
};
