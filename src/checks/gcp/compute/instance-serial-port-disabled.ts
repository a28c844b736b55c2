import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_serial_port_disabled',
  title: 'Instances do not accept interactive serial console connections',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: [...INSTANCE_TRIGGERS, 'v1.compute.projects.setCommonInstanceMetadata'],
  description:
    'serial-port-enable is TRUE for the instance, in its own metadata or inherited from the project metadata.',
  risk: 'The interactive serial console is reachable from any address and is not filtered by firewall rules: a valid key or password is enough to get a console.',
  remediation: {
    text: 'Set serial-port-enable=FALSE on the instance (and remove it from the project metadata).',
    cli: 'gcloud compute instances add-metadata <instance> --zone <zone> --metadata serial-port-enable=FALSE',
  },
  references: ['https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console'],
  evaluate: (r) => {
    const own = r.ext.serial_port_enabled;
    if (own === true) {
      return fail(`instance ${r.com.name} enables the interactive serial console (serial-port-enable=TRUE)`, {
        evidence: { instance_serial_port_enable: true },
      });
    }
    if (own === false) return pass('the serial console is off in the instance metadata');
    const project = r.ext.project_serial_port_enabled;
    if (typeof project !== 'boolean') {
      return error(
        `the project metadata could not be read: ${String(r.ext.project_metadata_error ?? 'not collected')}`,
      );
    }
    if (!project) return pass('the serial console is off');
    return fail(`instance ${r.com.name} inherits serial-port-enable=TRUE from the project metadata`, {
      evidence: { instance_serial_port_enable: null, project_serial_port_enable: true },
    });
  },
});
