import type { ResourceRecord } from '../../core/record.js';

export { about, extBool, extList, extNum, extStr, whyUnknown } from '../facts.js';

export interface AttachedPolicy {
  name: string | null;
  arn: string;
}
export interface InlinePolicy {
  name: string | null;
  full_admin: boolean | null;
}
