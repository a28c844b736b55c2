import type { ProviderConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { Provider } from '../core/provider.js';
import type { SharedBudget } from './aws/limiter.js';
import { demoSnapshotPath, listDemoSnapshots } from './demo.js';
import type { CredentialCache } from './kit/credential-cache.js';
import { readSnapshot, SnapshotProvider } from './snapshot.js';

/** What a scale-out worker adds to the providers it builds. */
export interface ProviderExtras {
  /** the request budget shared by every worker (Redis token buckets); AWS, Azure and GCP */
  sharedBudget?: SharedBudget;
  /** credentials kept across the providers the process builds (a worker's scans); AWS only so far */
  credentialCache?: CredentialCache;
}

/** Build the provider a config entry names. */
export async function createProvider(
  name: string,
  cfg: ProviderConfig,
  logger: Logger,
  extras: ProviderExtras = {},
): Promise<Provider> {
  switch (cfg.type) {
    case 'demo': {
      const known = listDemoSnapshots();
      if (!known.includes(cfg.snapshot)) {
        throw new Error(
          `providers.${name}.snapshot: unknown demo snapshot "${cfg.snapshot}" (have: ${known.join(', ')})`,
        );
      }
      return new SnapshotProvider(await readSnapshot(demoSnapshotPath(cfg.snapshot)));
    }
    case 'snapshot':
      return new SnapshotProvider(await readSnapshot(cfg.path));
    case 'aws': {
      const { AwsProvider } = await import('./aws/provider.js');
      return new AwsProvider(
        cfg,
        {
          ...(extras.sharedBudget ? { sharedBudget: extras.sharedBudget } : {}),
          ...(extras.credentialCache ? { credentialCache: extras.credentialCache } : {}),
        },
        name,
      );
    }
    case 'gcp': {
      const { GcpProvider } = await import('./gcp/provider.js');
      return new GcpProvider(
        cfg,
        { logger, ...(extras.sharedBudget ? { sharedBudget: extras.sharedBudget } : {}) },
        name,
      );
    }
    case 'azure': {
      const { AzureProvider } = await import('./azure/provider.js');
      return new AzureProvider(
        cfg,
        { logger, ...(extras.sharedBudget ? { sharedBudget: extras.sharedBudget } : {}) },
        name,
      );
    }
  }
}
