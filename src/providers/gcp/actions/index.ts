import type { GcpAction } from '../action.js';
import bucketRemovePublicMembers from './bucket-remove-public-members.js';
import firewallDisableInternetRule from './firewall-disable-internet-rule.js';

/** Every GCP remediation action. */
export const GCP_ACTIONS: readonly GcpAction[] = [firewallDisableInternetRule, bucketRemovePublicMembers];
