/** Modifier chains of a detection item (`field|contains|all`): parsed and checked for combinations that make sense. */
import type { TextEncoding } from './encoding.js';
import { SigmaRuleError } from './types.js';

export const SUPPORTED_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'exists',
  're',
  'i',
  'm',
  's',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'neq',
  'base64',
  'base64offset',
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'windash',
  'fieldref',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const;

export type Modifier = (typeof SUPPORTED_MODIFIERS)[number];

export const KNOWN = new Set<string>(SUPPORTED_MODIFIERS);

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte';

export interface ModifierSet {
  position?: 'contains' | 'startswith' | 'endswith';
  all: boolean;
  cased: boolean;
  windash: boolean;
  encoding?: TextEncoding;
  base64?: 'base64' | 'base64offset';
  kind: 'match' | 're' | 'cidr' | 'exists' | 'compare' | 'neq' | 'fieldref';
  reFlags: string;
  compare?: CompareOp;
  timePart?: TimePart;
}

export function parseModifiers(mods: readonly string[]): ModifierSet {
  const set: ModifierSet = { all: false, cased: false, windash: false, kind: 'match', reFlags: '' };
  const setKind = (kind: ModifierSet['kind'], mod: string): void => {
    if (set.kind !== 'match' && set.kind !== kind) {
      throw new SigmaRuleError(`modifier "${mod}" cannot be combined with "${set.kind}"`);
    }
    set.kind = kind;
  };
  for (const raw of mods) {
    if (raw === 'expand') {
      throw new SigmaRuleError(
        'modifier "expand" (%placeholder% expansion) needs a processing pipeline and is not supported',
      );
    }
    if (!KNOWN.has(raw)) throw new SigmaRuleError(`unknown modifier "${raw}"`);
    const mod = raw as Modifier;
    switch (mod) {
      case 'contains':
      case 'startswith':
      case 'endswith':
        if (set.position && set.position !== mod) {
          throw new SigmaRuleError(`modifiers "${set.position}" and "${mod}" cannot be combined`);
        }
        set.position = mod;
        break;
      case 'all':
        set.all = true;
        break;
      case 'cased':
        set.cased = true;
        break;
      case 'windash':
        set.windash = true;
        break;
      case 'wide':
      case 'utf16le':
        set.encoding = 'utf16le';
        break;
      case 'utf16be':
      case 'utf16':
        set.encoding = mod;
        break;
      case 'base64':
      case 'base64offset':
        if (set.base64 && set.base64 !== mod)
          throw new SigmaRuleError('"base64" and "base64offset" cannot be combined');
        set.base64 = mod;
        break;
      case 'i':
      case 'm':
      case 's':
        if (set.kind !== 're') throw new SigmaRuleError(`modifier "${mod}" is only valid after "re"`);
        if (!set.reFlags.includes(mod)) set.reFlags += mod;
        break;
      case 're':
      case 'cidr':
      case 'exists':
      case 'neq':
      case 'fieldref':
        setKind(mod, mod);
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (set.compare)
          throw new SigmaRuleError(`modifiers "${set.compare}" and "${mod}" cannot be combined`);
        setKind('compare', mod);
        set.compare = mod;
        break;
      case 'minute':
      case 'hour':
      case 'day':
      case 'week':
      case 'month':
      case 'year':
        if (set.timePart)
          throw new SigmaRuleError(`modifiers "${set.timePart}" and "${mod}" cannot be combined`);
        set.timePart = mod;
        break;
    }
  }
  if (set.encoding && !set.base64) {
    throw new SigmaRuleError(
      'UTF-16 modifiers (wide, utf16le, utf16be, utf16) need "base64" or "base64offset"',
    );
  }
  const transforms = set.position || set.windash || set.base64;
  if (transforms && set.kind !== 'match' && set.kind !== 'neq' && set.kind !== 'fieldref') {
    throw new SigmaRuleError(`modifier "${set.kind}" cannot be combined with string transformations`);
  }
  if (set.kind === 'fieldref' && (set.windash || set.base64)) {
    throw new SigmaRuleError('"fieldref" cannot be combined with windash or base64');
  }
  if (set.timePart && set.kind !== 'match' && set.kind !== 'compare') {
    throw new SigmaRuleError(`time modifier "${set.timePart}" cannot be combined with "${set.kind}"`);
  }
  if (set.timePart && (set.position || set.windash || set.base64)) {
    throw new SigmaRuleError(
      `time modifier "${set.timePart}" cannot be combined with string transformations`,
    );
  }
  return set;
}
