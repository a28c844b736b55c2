import { z } from 'zod';
import { bool, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/**
 * What a trail's event selectors record, from GetEventSelectors: basic EventSelectors or
 * AdvancedEventSelectors. Only what can be proven counts: a selector narrowed by a field this
 * reader does not understand (eventName, resources.ARN NotStartsWith...) records nothing for
 * the purposes here, so a check fails rather than passes on a selector it cannot interpret.
 */

/** The fields of a GetEventSelectors answer that are read. */
export const EVENT_SELECTORS_ANSWER = {
  EventSelectors: S.list(
    z.looseObject({
      ReadWriteType: S.str,
      IncludeManagementEvents: S.bool,
      ExcludeManagementEventSources: S.strs,
      DataResources: S.list(z.looseObject({ Type: S.str, Values: S.strs })),
    }),
  ),
  AdvancedEventSelectors: S.list(
    z.looseObject({
      FieldSelectors: S.list(
        z.looseObject({
          Field: S.str,
          Equals: S.strs,
          StartsWith: S.strs,
          NotEquals: S.strs,
          EndsWith: S.strs,
          NotStartsWith: S.strs,
          NotEndsWith: S.strs,
        }),
      ),
    }),
  ),
};

export interface ReadWrite {
  read: boolean;
  write: boolean;
}

export interface S3DataEvents {
  /** object-level events of every bucket */
  all: ReadWrite;
  /** bucket names whose every object is covered, by direction */
  read_buckets: string[];
  write_buckets: string[];
}

export interface TrailSelectors {
  management: ReadWrite;
  /** management event sources excluded (for example kms.amazonaws.com) */
  management_exclusions: string[];
  s3: S3DataEvents;
  advanced: boolean;
}

/** A whole-bucket S3 object ARN prefix: arn:aws:s3:::bucket or arn:aws:s3:::bucket/ */
function wholeBucket(value: string): string | null {
  const m = /^arn:[a-z-]+:s3:::([^/]+)\/?$/.exec(value);
  return m?.[1] ?? null;
}

const isAllS3 = (value: string): boolean => /^arn:[a-z-]+:s3(:::)?$/.test(value);

function directions(readOnly: string[] | null): ReadWrite {
  if (readOnly === null) return { read: true, write: true };
  return { read: readOnly.includes('true'), write: readOnly.includes('false') };
}

function empty(): TrailSelectors {
  return {
    management: { read: false, write: false },
    management_exclusions: [],
    s3: { all: { read: false, write: false }, read_buckets: [], write_buckets: [] },
    advanced: false,
  };
}

function addBuckets(out: TrailSelectors, rw: ReadWrite, buckets: string[]): void {
  if (rw.read) out.s3.read_buckets.push(...buckets);
  if (rw.write) out.s3.write_buckets.push(...buckets);
}

function basic(out: TrailSelectors, selectors: Json[]): void {
  for (const s of selectors) {
    const type = str(s.ReadWriteType) ?? 'All';
    const rw = { read: type === 'All' || type === 'ReadOnly', write: type === 'All' || type === 'WriteOnly' };
    if (bool(s.IncludeManagementEvents) !== false) {
      out.management.read ||= rw.read;
      out.management.write ||= rw.write;
      out.management_exclusions.push(...strings(s.ExcludeManagementEventSources));
    }
    for (const d of records(s.DataResources)) {
      if (str(d.Type) !== 'AWS::S3::Object') continue;
      const values = strings(d.Values);
      if (values.some(isAllS3)) {
        out.s3.all.read ||= rw.read;
        out.s3.all.write ||= rw.write;
      }
      addBuckets(
        out,
        rw,
        values.map(wholeBucket).filter((b): b is string => b !== null),
      );
    }
  }
}

interface Field {
  name: string;
  equals: string[];
  startsWith: string[];
  other: boolean;
  notEquals: string[];
}

function fieldsOf(selector: Json): Map<string, Field> {
  const out = new Map<string, Field>();
  for (const f of records(selector.FieldSelectors)) {
    const name = str(f.Field);
    if (!name) continue;
    out.set(name, {
      name,
      equals: strings(f.Equals),
      startsWith: strings(f.StartsWith),
      notEquals: strings(f.NotEquals),
      other: ['EndsWith', 'NotStartsWith', 'NotEndsWith'].some((k) => strings(f[k]).length > 0),
    });
  }
  return out;
}

function advanced(out: TrailSelectors, selectors: Json[]): void {
  out.advanced = true;
  for (const s of selectors) {
    const fields = fieldsOf(s);
    const category = fields.get('eventCategory')?.equals ?? [];
    const ro = fields.get('readOnly');
    const rw = directions(ro ? ro.equals : null);
    const known = new Set(['eventCategory', 'readOnly', 'resources.type', 'resources.ARN', 'eventSource']);
    if ([...fields.keys()].some((k) => !known.has(k)) || ro?.other || ro?.startsWith.length) continue;
    if (category.includes('Management')) {
      const src = fields.get('eventSource');
      if (src && (src.equals.length || src.startsWith.length || src.other)) continue;
      out.management.read ||= rw.read;
      out.management.write ||= rw.write;
      out.management_exclusions.push(...(src?.notEquals ?? []));
      continue;
    }
    if (!category.includes('Data')) continue;
    if (!(fields.get('resources.type')?.equals ?? []).includes('AWS::S3::Object')) continue;
    if (fields.has('eventSource')) continue;
    const arn = fields.get('resources.ARN');
    if (!arn) {
      out.s3.all.read ||= rw.read;
      out.s3.all.write ||= rw.write;
      continue;
    }
    if (arn.other || arn.notEquals.length || arn.equals.length) continue;
    addBuckets(
      out,
      rw,
      arn.startsWith.map(wholeBucket).filter((b): b is string => b !== null),
    );
  }
}

/** Parse a GetEventSelectors answer. */
export function readSelectors(answer: Json): TrailSelectors {
  const out = empty();
  const adv = records(answer.AdvancedEventSelectors);
  const basicSelectors = records(answer.EventSelectors);
  if (adv.length > 0) advanced(out, adv);
  else if (basicSelectors.length > 0) basic(out, basicSelectors);
  // A trail always has at least one selector; an answer with none describes a trail that was
  // never given custom selectors (some AWS-compatible endpoints answer so), which records the
  // default: every management event, read and write.
  else out.management = { read: true, write: true };
  out.s3.read_buckets = [...new Set(out.s3.read_buckets)].sort();
  out.s3.write_buckets = [...new Set(out.s3.write_buckets)].sort();
  out.management_exclusions = [...new Set(out.management_exclusions)].sort();
  return out;
}
