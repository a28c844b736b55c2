import { z } from 'zod';
import { describeIssues } from '../../core/issues.js';
import { AZURE_CLOUD_NAMES } from './clouds.js';
import { CREDENTIAL_KINDS } from './credential-kinds.js';
import { AzureConfigError } from './errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = (what: string) =>
  z
    .string()
    .regex(GUID, `${what} is a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`)
    .transform((s) => s.toLowerCase());

/** The options of an `azure` provider in the config file. */
export const azureProviderSchema = z
  .object({
    type: z.literal('azure'),
    /** which credential: see src/providers/azure/credentials.ts */
    credential: z.enum(CREDENTIAL_KINDS).default('default'),
    /** the Entra tenant to ask tokens of; by default the credential's home tenant */
    tenant_id: guid('a tenant id').optional(),
    /** a user-assigned managed identity's client id, or the workload identity's application */
    client_id: guid('a client id').optional(),
    cloud: z.enum(AZURE_CLOUD_NAMES).default('AzureCloud'),
    /** base URLs replacing the cloud's (a private endpoint, a proxy); HTTPS only, a path is kept */
    endpoints: z
      .object({
        resource_manager: z.string().min(1).optional(),
        graph: z.string().min(1).optional(),
        /** the Key Vault data plane: each vault at {key_vault}/{vault name} */
        key_vault: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** 'all' = every subscription the credential can list, or a list of ids */
    subscriptions: z.union([z.literal('all'), z.array(guid('a subscription id')).min(1)]).default('all'),
    /** scan the subscriptions below this management group (with subscriptions: all) */
    management_group: z
      .string()
      .regex(/^[\w().-]{1,90}$/, 'a management group id (letters, digits, - _ ( ) .)')
      .optional(),
    include: z.array(guid('a subscription id')).optional(),
    exclude: z.array(guid('a subscription id')).optional(),
    /** allow Azure Resource Graph queries (POSTs); off by default */
    resource_graph: z.boolean().default(false),
    /** subscriptions collected at once (each is evaluated and stored as one batch) */
    subscription_concurrency: z.number().int().min(1).max(32).default(4),
    /** HTTP requests in flight at once over every subscription */
    max_concurrency: z.number().int().min(1).max(256).default(16),
    /** sustained Resource Manager reads per second per (subscription, principal); default 20 */
    requests_per_second: z.number().positive().max(25).optional(),
    /** sustained Microsoft Graph requests per second per tenant; default 25 */
    graph_requests_per_second: z.number().positive().max(1000).optional(),
    /** attempts per request, the first included (429 and 5xx are retried) */
    max_attempts: z.number().int().min(1).max(20).default(6),
    /** per-request timeout in milliseconds */
    request_timeout_ms: z.number().int().min(100).default(30_000),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.management_group && cfg.subscriptions !== 'all') {
      ctx.addIssue({
        code: 'custom',
        path: ['management_group'],
        message: 'give either a subscriptions list or a management_group, not both',
      });
    }
  });

export type AzureProviderConfig = z.infer<typeof azureProviderSchema>;
export type AzureProviderInput = z.input<typeof azureProviderSchema>;

/** Validate provider options, with an error naming each bad field. */
export function parseAzureProviderConfig(input: unknown, where = 'providers.azure'): AzureProviderConfig {
  const r = azureProviderSchema.safeParse(input);
  if (!r.success) {
    const why = describeIssues(r.error.issues, input, { at: where, max: Number.POSITIVE_INFINITY });
    throw new AzureConfigError(`invalid azure provider options: ${why}`);
  }
  return r.data;
}
