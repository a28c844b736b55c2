import type { Command } from 'commander';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function registerPolicyCommand(program: Command): void {
  const policy = program
    .command('policy')
    .description('The least-privilege read-only permissions a scan needs');
  policy
    .command('aws')
    .description('Print the IAM policy (JSON) that allows every API call an AWS scan makes, and nothing else')
    .option(
      '--types <types>',
      'only what these resource types need, comma-separated (e.g. aws.s3.bucket,rdbms)',
      list,
    )
    .option('--organization', 'add organizations:ListAccounts, for the account that lists the organisation')
    .option(
      '--remediation',
      "instead: the separate write policy of remediation (cloudward remediate), from the actions' declared calls",
    )
    .option('--actions <ids>', 'with --remediation: only these actions, comma-separated', list)
    .action(
      async (opts: {
        types?: string[];
        organization?: boolean;
        remediation?: boolean;
        actions?: string[];
      }) => {
        const { awsPolicy, awsRemediationPolicy } = await import('../providers/aws/policy.js');
        let doc: ReturnType<typeof awsPolicy>;
        try {
          if (opts.actions && !opts.remediation) throw new Error('--actions goes with --remediation');
          if (opts.remediation && (opts.types || opts.organization))
            throw new Error(
              '--remediation prints the write policy alone: leave out --types and --organization',
            );
          doc = opts.remediation
            ? awsRemediationPolicy(opts.actions)
            : awsPolicy(opts.types, { organization: opts.organization === true });
        } catch (e) {
          throw new UserError(`policy aws: ${e instanceof Error ? e.message : String(e)}`);
        }
        printData(`${JSON.stringify(doc, null, 2)}\n`);
      },
    );
  policy
    .command('gcp')
    .description(
      'Print the custom IAM role (YAML, for gcloud iam roles create --file) with every permission a GCP scan needs, and nothing else',
    )
    .option(
      '--types <types>',
      'only what these resource types need, comma-separated (e.g. gcp.compute.firewall,firewall_rule)',
      list,
    )
    .option(
      '--remediation',
      "instead: the separate custom role of remediation (cloudward remediate), from the actions' declared calls",
    )
    .option('--actions <ids>', 'with --remediation: only these actions, comma-separated', list)
    .action(async (opts: { types?: string[]; remediation?: boolean; actions?: string[] }) => {
      const { gcpPolicy, gcpRemediationPolicy } = await import('../providers/gcp/policy.js');
      const { stringify } = await import('yaml');
      let role: ReturnType<typeof gcpPolicy>;
      try {
        if (opts.actions && !opts.remediation) throw new Error('--actions goes with --remediation');
        if (opts.remediation && opts.types)
          throw new Error('--remediation prints the write role alone: leave out --types');
        role = opts.remediation ? gcpRemediationPolicy(opts.actions) : gcpPolicy(opts.types);
      } catch (e) {
        throw new UserError(`policy gcp: ${e instanceof Error ? e.message : String(e)}`);
      }
      printData(stringify(role));
    });
  policy
    .command('azure')
    .description(
      'Print the Azure custom role (JSON) allowing every Resource Manager read an Azure scan makes, and the Microsoft Graph permissions to grant',
    )
    .option(
      '--types <types>',
      'only what these resource types need, comma-separated (e.g. azure.storage.account,storage)',
      list,
    )
    .option(
      '--management-group',
      'add the management group reads: the tree subscriptions are grouped by, and a provider that scans a management group',
    )
    .option(
      '--scope <scopes>',
      'comma-separated assignable scopes (/subscriptions/<id>, /providers/Microsoft.Management/managementGroups/<id>)',
      list,
    )
    .addHelpText(
      'after',
      `
Standard output is the role definition, ready for
  az role definition create --role-definition @cloudward-reader-role.json
(replace the placeholder subscription in AssignableScopes, or give --scope). The Microsoft Graph
application permissions the Entra ID checks read with are listed on standard error, and under
"graphPermissions" with --with-graph. The role's DataActions (Key Vault certificate reads) reach
vaults using Azure RBAC; for vaults using access policies, the access policy permissions to give
the principal are listed on standard error too (and under "keyVaultAccessPolicy").`,
    )
    .option('--with-graph', 'print {role, graphPermissions} instead of the role definition alone')
    .option(
      '--remediation',
      "instead: the separate custom role of remediation (cloudward remediate), from the actions' declared calls",
    )
    .option('--actions <ids>', 'with --remediation: only these actions, comma-separated', list)
    .action(
      async (
        opts: {
          types?: string[];
          managementGroup?: boolean;
          scope?: string[];
          withGraph?: boolean;
          remediation?: boolean;
          actions?: string[];
        },
        cmd: Command,
      ) => {
        const { azurePolicy, azureRemediationPolicy } = await import('../providers/azure/policy.js');
        if (opts.actions && !opts.remediation)
          throw new UserError('policy azure: --actions goes with --remediation');
        if (opts.remediation) {
          if (opts.types || opts.managementGroup || opts.withGraph)
            throw new UserError(
              'policy azure: --remediation prints the write role alone: leave out --types, --management-group and --with-graph',
            );
          let role: ReturnType<typeof azureRemediationPolicy>;
          try {
            role = azureRemediationPolicy(opts.actions, opts.scope?.length ? opts.scope : undefined);
          } catch (e) {
            throw new UserError(`policy azure: ${e instanceof Error ? e.message : String(e)}`);
          }
          printData(`${JSON.stringify(role, null, 2)}\n`);
          return;
        }
        let grant: ReturnType<typeof azurePolicy>;
        try {
          grant = azurePolicy(opts.types, {
            managementGroup: opts.managementGroup === true,
            ...(opts.scope?.length ? { assignableScopes: opts.scope } : {}),
          });
        } catch (e) {
          throw new UserError(`policy azure: ${e instanceof Error ? e.message : String(e)}`);
        }
        printData(`${JSON.stringify(opts.withGraph ? grant : grant.role, null, 2)}\n`);
        if (!opts.withGraph && grant.graphPermissions.length > 0) {
          contextOf(cmd).logger.info(
            `grant the principal these Microsoft Graph application permissions (admin consent): ${grant.graphPermissions.join(', ')}`,
          );
        }
        const accessPolicy = Object.entries(grant.keyVaultAccessPolicy);
        if (!opts.withGraph && accessPolicy.length > 0) {
          contextOf(cmd).logger.info(
            `key vaults using access policies (not Azure RBAC): give the principal an access policy with ${accessPolicy.map(([kind, perms]) => `${kind} permissions ${perms.join(', ')}`).join('; ')} (az keyvault set-policy --name <vault> --object-id <principal> ${accessPolicy.map(([kind, perms]) => `--${kind.replace(/s$/, '')}-permissions ${perms.join(' ')}`).join(' ')})`,
          );
        }
      },
    );
}
