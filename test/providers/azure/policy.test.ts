import { describe, expect, it } from 'vitest';
import { azurePolicy, knownAzureTypes } from '../../../src/providers/azure/policy.js';
import { AZURE_COLLECTORS } from '../../../src/providers/azure/resources/index.js';
import { runCli } from '../../helpers/run-cli.js';

describe('the least-privilege Azure role', () => {
  it('allows exactly the reads the collectors declare, and lists the Graph permissions apart', () => {
    const { role, graphPermissions } = azurePolicy();
    const declared = AZURE_COLLECTORS.flatMap((c) => c.permissions);
    expect(role.Actions).toEqual(
      [
        ...new Set([
          'Microsoft.Resources/subscriptions/read',
          ...declared.filter((p) => !p.startsWith('graph:') && !p.startsWith('data:')),
        ]),
      ].sort(),
    );
    expect(role.Actions.every((a) => a.endsWith('/read') || a.endsWith('/Read'))).toBe(true);
    // the one data-plane read: vault certificates (list and policy), for CIS 8.3.11
    expect(role.DataActions).toEqual(['Microsoft.KeyVault/vaults/certificates/read']);
    expect(graphPermissions).toEqual(['AuditLog.Read.All', 'Policy.Read.All']);
    expect(azurePolicy().keyVaultAccessPolicy).toEqual({ certificates: ['get', 'list'] });
    expect(azurePolicy(['storage']).keyVaultAccessPolicy).toEqual({});
  });

  it('narrows to the types asked for, and refuses an unknown one', () => {
    const { role, graphPermissions } = azurePolicy(['storage']);
    expect(role.Actions).toEqual([
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Storage/storageAccounts/blobServices/read',
      'Microsoft.Storage/storageAccounts/fileServices/read',
      'Microsoft.Storage/storageAccounts/read',
    ]);
    expect(graphPermissions).toEqual([]);
    expect(() => azurePolicy(['azure.storage.acount'])).toThrow(
      /unknown Azure resource type.*azure\.storage\.acount/,
    );
    expect(knownAzureTypes()).toContain('azure.entra.user_registration');
  });

  it('prints the role for az role definition create, with the Graph permissions on stderr', async () => {
    const r = await runCli([
      'policy',
      'azure',
      '--scope',
      '/providers/Microsoft.Management/managementGroups/platform',
    ]);
    expect(r.code).toBe(0);
    const role = JSON.parse(r.stdout);
    expect(role).toMatchObject({
      Name: 'Cloudward Reader',
      IsCustom: true,
      AssignableScopes: ['/providers/Microsoft.Management/managementGroups/platform'],
    });
    expect(r.stderr).toContain('Policy.Read.All');
    expect(r.stderr).toContain('--certificate-permissions get list');
    expect(role.DataActions).toEqual(['Microsoft.KeyVault/vaults/certificates/read']);
    const withGraph = JSON.parse(
      (await runCli(['policy', 'azure', '--with-graph', '--types', 'azure.entra.security_defaults'])).stdout,
    );
    expect(withGraph.graphPermissions).toEqual(['Policy.Read.All']);
  });
});
