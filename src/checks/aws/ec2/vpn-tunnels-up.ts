import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extStr } from '../facts.js';

interface Tunnel {
  outside_ip: string | null;
  status: string | null;
}

export default defineCheck({
  id: 'aws.ec2.vpn_tunnels_up',
  title: 'Both tunnels of Site-to-Site VPN connections are up',
  severity: 'medium',
  resource: 'aws.ec2.vpn_connection',
  triggers: [],
  description: 'A tunnel of the Site-to-Site VPN connection is down.',
  risk: 'With one tunnel down the connection has no redundancy: the next maintenance or failure on the other tunnel cuts the site off.',
  remediation: {
    text: 'Configure both tunnels on the customer gateway device and check its logs and the tunnel options (IKE version, pre-shared key, addresses) until both tunnels are UP.',
    cli: 'aws ec2 describe-vpn-connections --vpn-connection-ids <vpn-id> --query "VpnConnections[].VgwTelemetry"',
  },
  references: ['https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html'],
  evaluate(vpn) {
    const state = extStr(vpn, 'state');
    if (state === 'deleted' || state === 'deleting') return notApplicable(`the connection is ${state}`);
    const tunnels = extList<Tunnel>(vpn, 'tunnel_status');
    if (tunnels === null || tunnels.length === 0) return error('the tunnel status could not be read');
    const down = tunnels.filter((t) => t.status !== 'UP');
    return down.length === 0
      ? pass(`all ${tunnels.length} tunnels are up`)
      : fail(`${vpn.com.name}: tunnel(s) ${down.map((t) => `${t.outside_ip} ${t.status}`).join(', ')}`);
  },
});
