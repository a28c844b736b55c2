import { z } from 'zod';
import { describeIssues } from '../../core/issues.js';
import { GcpEndpoints } from './apis.js';
import { GcpConfigError } from './errors.js';

/** A project id: 6 to 30 lower-case letters, digits and hyphens (old ones may carry a domain: example.com:p). */
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** a project id, or a pattern of one with `*` (shop-*) for include / exclude */
const PROJECT_PATTERN = /^[a-z*][a-z0-9*-]{0,29}$/;
const NUMERIC_ID = /^\d{1,20}$/;
const SERVICE_ACCOUNT = /^[^@\s]+@[a-z0-9.-]+$/;

const projectId = z.string().regex(PROJECT_ID, 'a project id (6-30 lower-case letters, digits, hyphens)');
const projectPattern = z
  .string()
  .regex(PROJECT_PATTERN, 'a project id, or a pattern with * (shop-*)')
  .refine(
    (s) => s.includes('*') || PROJECT_ID.test(s),
    'a project id (6-30 lower-case letters, digits, hyphens)',
  );
const numericId = (what: string) =>
  z
    .string()
    .transform((s) => s.replace(/^(organizations|folders)\//, ''))
    .pipe(z.string().regex(NUMERIC_ID, `${what} id is a number (123456789012)`));

/** The options of a `gcp` provider in the config file. */
export const gcpProviderSchema = z
  .object({
    type: z.literal('gcp'),
    /** 'all' = every ACTIVE project the credential can see, or a list of project ids */
    projects: z.union([z.literal('all'), z.array(projectId).min(1)]).default('all'),
    /** scan every project below this organisation (through its folders) */
    organization: numericId('an organization').optional(),
    /** scan every project below these folders (through their sub-folders) */
    folders: z.array(numericId('a folder')).min(1).optional(),
    /** project ids or patterns (shop-*) to keep / leave out */
    include: z.array(projectPattern).optional(),
    exclude: z.array(projectPattern).optional(),
    /** read as this service account, with tokens the ADC credential mints for it */
    impersonate_service_account: z.string().regex(SERVICE_ACCOUNT, 'a service account e-mail').optional(),
    /** the delegation chain to the impersonated account, each a service account e-mail */
    delegates: z.array(z.string().regex(SERVICE_ACCOUNT, 'a service account e-mail')).optional(),
    /** roots replacing https://<api>.googleapis.com/ (a proxy, a Private Service Connect endpoint) */
    endpoints: z.record(z.string(), z.string().min(1)).optional(),
    /** a sovereign universe's domain instead of googleapis.com */
    universe_domain: z.string().min(3).optional(),
    /** HTTP requests in flight at once over every project */
    max_concurrency: z.number().int().min(1).max(256).default(16),
    /** per-minute read quota per API to pace against, when yours differs from Google's default */
    requests_per_minute: z.record(z.string(), z.number().positive().max(1_000_000)).optional(),
    /** attempts per request, the first included (throttling and 5xx are retried) */
    max_attempts: z.number().int().min(1).max(20).default(6),
    /** per-request timeout in milliseconds */
    request_timeout_ms: z.number().int().min(100).default(30_000),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const modes = [cfg.projects !== 'all', cfg.organization !== undefined, cfg.folders !== undefined];
    if (modes.filter(Boolean).length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['projects'],
        message: 'give one of: a projects list, an organization, folders',
      });
    }
    if (cfg.delegates && !cfg.impersonate_service_account) {
      ctx.addIssue({
        code: 'custom',
        path: ['delegates'],
        message: 'delegates only apply with impersonate_service_account',
      });
    }
  });

export type GcpProviderConfig = z.infer<typeof gcpProviderSchema>;
export type GcpProviderInput = z.input<typeof gcpProviderSchema>;

/** Validate provider options, with an error naming each bad field. */
export function parseGcpProviderConfig(input: unknown, where = 'providers.gcp'): GcpProviderConfig {
  const r = gcpProviderSchema.safeParse(input);
  if (!r.success) {
    const why = describeIssues(r.error.issues, input, { at: where, max: Number.POSITIVE_INFINITY });
    throw new GcpConfigError(`invalid gcp provider options: ${why}`);
  }
  // the endpoints and universe of the file, checked now rather than at the first read
  GcpEndpoints.resolve(r.data, {}, where);
  return r.data;
}
