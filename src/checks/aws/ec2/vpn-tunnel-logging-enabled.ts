import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList, extStr } from '../facts.js';

interface Tunnel {
  outside_ip: string | null;
  enabled: boolean;
}

export default defineCheck({
  id: 'aws.ec2.vpn_tunnel_logging_enabled',
  title: 'Site-to-Site VPN tunnels send their logs to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.ec2.vpn_connection',
  triggers: ['ModifyVpnTunnelOptions'],
  description: 'A tunnel of the Site-to-Site VPN connection has its CloudWatch Logs logging off.',
  risk: 'Without tunnel logs, IKE negotiation failures, dead peer detection and tunnel flaps cannot be investigated.',
  remediation: {
    text: 'Turn on tunnel activity logging to a CloudWatch Logs log group for each tunnel.',
    cli: 'aws ec2 modify-vpn-tunnel-options --vpn-connection-id <vpn-id> --vpn-tunnel-outside-ip-address <ip> --tunnel-options \'{"LogOptions":{"CloudWatchLogOptions":{"LogEnabled":true,"LogGroupArn":"<log-group-arn>"}}}\'',
  },
  references: ['https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html'],
  evaluate(vpn) {
    const state = extStr(vpn, 'state');
    if (state === 'deleted' || state === 'deleting') return notApplicable(`the connection is ${state}`);
    const tunnels = extList<Tunnel>(vpn, 'tunnel_logging');
    if (tunnels === null || tunnels.length === 0) return error('the tunnel options could not be read');
    const off = tunnels.filter((t) => !t.enabled);
    return off.length === 0
      ? pass('every tunnel logs to CloudWatch Logs')
      : fail(`${vpn.com.name}: no logging on tunnel(s) ${off.map((t) => t.outside_ip).join(', ')}`);
  },
});
