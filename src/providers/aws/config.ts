import { z } from 'zod';
import { describeIssues } from '../../core/issues.js';

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const regionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region name such as eu-west-1');

/** The options of an `aws` provider in the config file. */
export const awsProviderSchema = z
  .object({
    type: z.literal('aws'),
    /** a named profile of the shared config / credentials files */
    profile: z.string().min(1).optional(),
    /** a role to assume first (in the account to scan, or in the organisation's management account) */
    role_arn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)')
      .optional(),
    external_id: z.string().min(2).optional(),
    /** 'all' = every region enabled for the account (asked of EC2), or a list */
    regions: z.union([z.literal('all'), z.array(regionName).min(1)]).default('all'),
    organization: z
      .object({
        /** the role name to assume in each member account, e.g. OrganizationAccountAccessRole */
        role: z.string().regex(/^[\w+=,.@/-]+$/, 'an IAM role name'),
        include: z.array(accountId).optional(),
        exclude: z.array(accountId).optional(),
      })
      .strict()
      .optional(),
    /** HTTP requests in flight at once, over every account, region and service */
    max_concurrency: z.number().int().min(1).max(512).default(32),
    /** sustained requests per second per bucket (account, region, service; EC2 per API); default: AWS's published rates */
    requests_per_second: z.number().positive().max(10_000).optional(),
    /** attempts per request (first try included) of the SDK's standard retry */
    max_attempts: z.number().int().min(1).max(20).default(6),
    /** per-request timeout in milliseconds */
    request_timeout_ms: z.number().int().min(100).default(30_000),
    /** accounts collected at the same time in organisation mode (memory grows with it) */
    account_concurrency: z.number().int().min(1).max(16).default(1),
  })
  .strict();

export type AwsProviderConfig = z.infer<typeof awsProviderSchema>;
export type AwsProviderInput = z.input<typeof awsProviderSchema>;

/** Validate provider options, with an error naming each bad field. */
export function parseAwsProviderConfig(input: unknown, where = 'providers.aws'): AwsProviderConfig {
  const r = awsProviderSchema.safeParse(input);
  if (!r.success) {
    const why = describeIssues(r.error.issues, input, { at: where, max: Number.POSITIVE_INFINITY });
    throw new Error(`invalid aws provider options: ${why}`);
  }
  return r.data;
}
