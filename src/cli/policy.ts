import type { Command } from 'commander';
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
    .action(async (opts: { types?: string[]; organization?: boolean }) => {
      const { awsPolicy } = await import('../providers/aws/policy.js');
      let doc: ReturnType<typeof awsPolicy>;
      try {
        doc = awsPolicy(opts.types, { organization: opts.organization === true });
      } catch (e) {
        throw new UserError(`policy aws: ${e instanceof Error ? e.message : String(e)}`);
      }
      printData(`${JSON.stringify(doc, null, 2)}\n`);
    });
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
    .action(async (opts: { types?: string[] }) => {
      const { gcpPolicy } = await import('../providers/gcp/policy.js');
      const { stringify } = await import('yaml');
      let role: ReturnType<typeof gcpPolicy>;
      try {
        role = gcpPolicy(opts.types);
      } catch (e) {
        throw new UserError(`policy gcp: ${e instanceof Error ? e.message : String(e)}`);
      }
      printData(stringify(role));
    });
}
