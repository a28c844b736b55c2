import type { AnyCheck } from '../../core/check.js';
import computeFirewallNoRdpFromInternet from './compute/firewall-no-rdp-from-internet.js';
import computeFirewallNoSshFromInternet from './compute/firewall-no-ssh-from-internet.js';

/** Every Google Cloud check, by service. Add a new GCP check's import here. */
export const GCP_CHECKS: AnyCheck[] = [computeFirewallNoSshFromInternet, computeFirewallNoRdpFromInternet];
