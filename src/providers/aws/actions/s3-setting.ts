import type { ActionTarget } from '../../kit/action.js';
import { type AwsAction, type AwsRead, arnOf, defineAwsAction, readOrAbsent, target } from '../action.js';

type Configuration = Record<string, unknown>;

/** Where an S3 configuration lives: one bucket, or the whole account. */
interface S3Scope {
  target: AwsAction['target'];
  /** the call input naming the bucket or account */
  where(t: ActionTarget): Record<string, string>;
  /** how a "nothing to do" message names it */
  label(t: ActionTarget): string;
}

export const BUCKET: S3Scope = {
  target(finding) {
    const arn = arnOf(finding.com.reference);
    if (
      finding.com.cloud_type !== 'aws' ||
      arn?.service !== 's3' ||
      !arn.resource ||
      arn.resource.includes('/')
    )
      return { refused: `${finding.com.reference} is not an S3 bucket` };
    return target(finding, { bucket: arn.resource });
  },
  where: (t) => ({ Bucket: t.details.bucket ?? '' }),
  label: (t) => t.details.bucket ?? '',
};

export const ACCOUNT: S3Scope = {
  target(finding) {
    if (finding.com.cloud_type !== 'aws' || !/^\d{12}$/.test(finding.com.account))
      return { refused: 'not an AWS account' };
    return target(finding, {}, 'us-east-1');
  },
  where: (t) => ({ AccountId: t.account }),
  label: (t) => `account ${t.account}`,
};

/** What the action turns on, in a configuration one call reads, one puts whole and one deletes. */
export interface S3Setting {
  /** `<service>:<Operation>` of the read, the put and the delete */
  get: string;
  put: string;
  delete: string;
  /** the error codes the read answers with when nothing is configured */
  absent: readonly string[];
  /** the field the read answers the configuration in, and the put takes it in */
  field: string;
  /** the configuration put, and why */
  wanted: Configuration;
  why: string;
  /** whether a configuration (null: none) already does what the action would */
  isOn(c: Configuration | null): boolean;
  /** the end of the "nothing to do" message, after the bucket or account */
  already: string;
}

/**
 * An action that puts an S3 configuration on a bucket or account unless it is already on; its
 * undo puts back the configuration there was, or deletes it where there was none.
 */
export function defineS3SettingAction(
  scope: S3Scope,
  setting: S3Setting,
  def: Pick<AwsAction, 'id' | 'title' | 'fixes'>,
): AwsAction {
  const current = async (read: AwsRead, t: ActionTarget): Promise<Configuration | null> => {
    const a = await readOrAbsent(read, setting.get, t.region, scope.where(t), setting.absent);
    return (a?.[setting.field] as Configuration | undefined) ?? null;
  };
  return defineAwsAction({
    ...def,
    writes: [setting.put, setting.delete],
    reads: [setting.get],
    target: scope.target,
    async plan(t, read) {
      const where = scope.where(t);
      const before = await current(read, t);
      if (setting.isOn(before))
        return { calls: [], undo: [], before, noop: `${scope.label(t)} ${setting.already}` };
      return {
        before,
        calls: [
          { action: setting.put, params: { ...where, [setting.field]: setting.wanted }, why: setting.why },
        ],
        undo: [
          before
            ? { action: setting.put, params: { ...where, [setting.field]: before } }
            : { action: setting.delete, params: where },
        ],
      };
    },
    async verify(t, read) {
      return setting.isOn(await current(read, t));
    },
  });
}
