import type { AzureAction } from '../action.js';
import nsgRemoveInternetRule from './nsg-remove-internet-rule.js';
import storageDisableBlobPublicAccess from './storage-disable-blob-public-access.js';

/** Every Azure remediation action. */
export const AZURE_ACTIONS: readonly AzureAction[] = [nsgRemoveInternetRule, storageDisableBlobPublicAccess];
