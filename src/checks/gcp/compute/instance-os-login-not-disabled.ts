import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_os_login_enabled',
  title: 'Instances use OS Login',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: [...INSTANCE_TRIGGERS, 'v1.compute.projects.setCommonInstanceMetadata'],
  description:
    'OS Login is off for the instance: its own metadata sets enable-oslogin to FALSE, or it leaves it unset while the project does not turn it on.',
  risk: 'Without OS Login, SSH access is managed with keys in metadata, outside IAM: access is not revoked when a person leaves and is not tied to 2-step verification.',
  remediation: {
    text: 'Set enable-oslogin=TRUE in the project metadata and remove enable-oslogin=FALSE from instances that override it.',
    cli: 'gcloud compute instances remove-metadata <instance> --zone <zone> --keys enable-oslogin',
  },
  references: ['https://cloud.google.com/compute/docs/oslogin/set-up-oslogin'],
  evaluate: (r) => {
    const own = r.ext.os_login;
    if (own === false) {
      return fail(`instance ${r.com.name} turns OS Login off in its own metadata (enable-oslogin=FALSE)`, {
        evidence: { instance_enable_oslogin: false },
      });
    }
    if (own === true) return pass('OS Login is on in the instance metadata');
    const project = r.ext.project_os_login;
    if (typeof project !== 'boolean') {
      return error(
        `the project metadata could not be read: ${String(r.ext.project_metadata_error ?? 'not collected')}`,
      );
    }
    if (project) return pass('OS Login is on for the project and the instance does not override it');
    return fail(`instance ${r.com.name} inherits OS Login off from the project metadata`, {
      evidence: { instance_enable_oslogin: null, project_enable_oslogin: false },
    });
  },
});
