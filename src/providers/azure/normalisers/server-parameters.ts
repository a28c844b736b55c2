import { at, type Enrichment, type Json, str } from '../../normalise-kit.js';
import { listAnswer } from './list-answer.js';

/** The server parameters of a flexible server (its configurations list), by name. */
export interface ServerParameters {
  /** the list, or null when it was not read */
  read: boolean;
  state: Enrichment;
  /** a parameter's value; null when the list was not read or does not hold it */
  value(name: string): string | null;
}

export function serverParameters(raw: Json, key = 'parameters'): ServerParameters {
  const { list, state } = listAnswer(raw, key);
  const values = new Map<string, string | null>();
  for (const p of list ?? []) {
    const name = str(p.name);
    if (name) values.set(name.toLowerCase(), str(at(p, 'properties.value')));
  }
  return { read: list !== null, state, value: (name) => values.get(name.toLowerCase()) ?? null };
}

/** ON/OFF parameter values as the servers spell them; anything else is unknown. */
export function onOff(v: string | null): boolean | null {
  if (v === null) return null;
  const s = v.trim().toLowerCase();
  if (['on', 'true', '1'].includes(s)) return true;
  if (['off', 'false', '0'].includes(s)) return false;
  return null;
}

/** A whole-number parameter value; anything else is unknown. */
export function intValue(v: string | null): number | null {
  return v !== null && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
}

/** Whether every TLS version a parameter allows ("TLSv1.2,TLSv1.3") is 1.2 or later. */
export function tls12OrLater(lowest: string | null): boolean | null {
  return lowest === null ? null : Number(lowest) >= 1.2;
}
