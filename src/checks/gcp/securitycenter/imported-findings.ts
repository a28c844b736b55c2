import { importCheck } from '../../import-check.js';

export default importCheck({
  id: 'gcp.securitycenter.imported_findings',
  resource: 'gcp.securitycenter.finding',
  source: 'gcp.scc',
  detector: 'Security Command Center',
  severity: 'high',
  risk: 'Security Command Center reports misconfigurations, vulnerabilities and threats (Security Health Analytics, Event Threat Detection, Web Security Scanner) that are missed when left in its console.',
  remediation:
    "Follow the finding's next steps; SCC marks it inactive once the cause is gone, or mute it in SCC when it is accepted.",
  references: [
    'https://cloud.google.com/security-command-center/docs/concepts-security-command-center-overview',
  ],
});
