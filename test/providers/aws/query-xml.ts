import type { Answer } from './fixture-endpoint.js';

const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * XML of the AWS query protocols from a plain object in the wire names: `{subnetSet: [{subnetId:
 * 'a'}]}` -> `<subnetSet><item><subnetId>a</subnetId></item></subnetSet>`. EC2 wraps list members
 * in `<item>`, the other query services (ELB, Auto Scaling) in `<member>`.
 */
export function queryXml(value: unknown, member: 'item' | 'member'): string {
  if (Array.isArray(value)) return value.map((v) => `<${member}>${queryXml(v, member)}</${member}>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${queryXml(v, member)}</${k}>`)
      .join('');
  return text(String(value));
}

/** An EC2 answer as EC2 sends it: `<ActionResponse xmlns=...><requestId/>...</ActionResponse>`. */
export function ec2Answer(action: string, body: Record<string, unknown>): Answer {
  return {
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-fixture</requestId>${queryXml(body, 'item')}</${action}Response>`,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
  };
}

/** An answer of a query service other than EC2 (ELB, Auto Scaling): `<Action>Result` inside `<Action>Response`. */
export function queryAnswer(action: string, namespace: string, result: Record<string, unknown>): Answer {
  return {
    body: `<${action}Response xmlns="${namespace}"><${action}Result>${queryXml(result, 'member')}</${action}Result><ResponseMetadata><RequestId>req-fixture</RequestId></ResponseMetadata></${action}Response>`,
    headers: { 'content-type': 'text/xml' },
  };
}
