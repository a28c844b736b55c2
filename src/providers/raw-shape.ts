import { z } from 'zod';
import { isErrorFact, isRecord } from './normalise-kit.js';

/**
 * Building blocks of a normaliser's `raw` declaration: the fields it reads, with their types.
 * A raw item is checked against it before the normaliser runs, so a field of the wrong type
 * (IpRanges as a string, Encrypted as "yes") refuses the item with the field's path instead of
 * being read as absent. Absent (missing or null) is always allowed: the APIs leave out what is
 * not set, and the normaliser decides what absence means. Objects are loose: fields a
 * normaliser does not read are not checked.
 *
 * Usage: `import * as S from '../../raw-shape.js'`, then
 * `raw: S.raw({ item: S.obj({ GroupId: S.str, IpPermissions: S.list(PERMISSION) }) })`.
 */

export const str = z.string().nullish();
export const num = z.number().nullish();
export const bool = z.boolean().nullish();
/** A list of strings. */
export const strs = z.array(z.string()).nullish();
/** A string or a list of strings (IAM policy Action, Resource). */
export const strOrStrs = z.union([z.string(), z.array(z.string())]).nullish();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** An SDK timestamp: a Date from the SDK, its ISO text once a snapshot went through JSON. */
export const date = z
  .custom<Date | string>(
    (v) => (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'string' && ISO_DATE.test(v)),
    { message: 'expected a date' },
  )
  .nullish();

export const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();
export const obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).nullish();
/** String-valued maps: Azure tags, GCP labels. */
export const strMap = z.record(z.string(), z.string()).nullish();
/** AWS tag lists: [{Key, Value}]. */
export const keyValueTags = list(z.looseObject({ Key: str, Value: str }));

/** The raw bucket of one resource: the list item under `item`, per-item answers under their keys. */
export const raw = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

const failedToNull = (v: unknown) => (isErrorFact(v) ? null : v);
/** An object answer never carries a malformed failure marker ({"__error": 7}). */
const noMarker = { __error: z.string().optional() };

/**
 * A per-item call's answer: not collected (missing), not configured (null), failed
 * ({"__error": ...}, read as unknown by the normaliser) or an answer of this shape.
 */
export const answer = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(failedToNull, z.looseObject({ ...shape, ...noMarker }).nullish());

/**
 * A per-item call answered as a list: the list itself or, with `key`, also the API's answer
 * holding it under that key ({Volumes: [...]}); missing, null or failed as for `answer`.
 */
export const answerList = <T extends z.ZodType>(item: T, key?: string) =>
  z.preprocess(
    failedToNull,
    (key === undefined
      ? // an object here can only be a failure marker, whose reason must be text
        z.union([z.array(item), z.strictObject({ __error: z.string() })])
      : z.union([z.array(item), z.looseObject({ [key]: z.array(item), ...noMarker })])
    ).nullish(),
  );

/** An IAM policy document: an object, or its JSON text (URL-encoded as IAM returns it). */
export const policyDocument = z
  .custom<string | Record<string, unknown>>((v) => typeof v === 'string' || isRecord(v), {
    message: 'expected a policy document (JSON text or an object)',
  })
  .nullish();
