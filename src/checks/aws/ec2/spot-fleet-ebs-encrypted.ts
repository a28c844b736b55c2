import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extList, extStr } from '../facts.js';

interface Volume {
  device: string | null;
  encrypted: boolean | null;
}

export default defineCheck({
  id: 'aws.ec2.spot_fleet_ebs_encrypted',
  title: 'Spot Fleet requests with launch specifications encrypt their EBS volumes',
  severity: 'medium',
  resource: 'aws.ec2.spot_fleet_request',
  triggers: ['RequestSpotFleet', 'ModifySpotFleetRequest'],
  description:
    'A launch specification of the Spot Fleet request attaches an EBS volume without setting Encrypted true.',
  risk: 'Instances the fleet launches may get unencrypted volumes, whose snapshots and data are readable without any key.',
  remediation: {
    text: 'Request a new fleet whose block device mappings set Encrypted true (better, from a launch template that does), and cancel the old request.',
    cli: 'aws ec2 request-spot-fleet --spot-fleet-request-config file://config-with-encrypted-ebs.json\naws ec2 cancel-spot-fleet-requests --spot-fleet-request-ids <sfr-id> --no-terminate-instances',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-requests.html'],
  evaluate(request) {
    const state = extStr(request, 'state');
    if (state?.startsWith('cancelled')) return notApplicable(`the request is ${state}`);
    if (extBool(request, 'uses_launch_specifications') === false)
      return notApplicable(
        'the request launches from launch templates (see aws.ec2.launch_template_ebs_encrypted)',
      );
    const volumes = extList<Volume>(request, 'ebs_volumes');
    if (volumes === null) return error('the launch specifications could not be read');
    if (volumes.length === 0) return notApplicable('the launch specifications map no EBS volume');
    const plain = volumes.filter((v) => v.encrypted !== true);
    return plain.length === 0
      ? pass('every EBS volume is encrypted')
      : fail(
          `${request.com.name} does not encrypt ${plain.map((v) => v.device ?? '(no device)').join(', ')}`,
        );
  },
});
