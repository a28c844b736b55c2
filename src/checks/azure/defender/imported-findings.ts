import { importCheck } from '../../import-check.js';

/** Defender for Cloud: its active security alerts, and its unhealthy assessments (recommendations). */
export default [
  importCheck({
    id: 'azure.defender.imported_alerts',
    resource: 'azure.security.alert',
    source: 'azure.defender',
    detector: 'Defender for Cloud alerts',
    severity: 'high',
    risk: 'Defender for Cloud reports threats against the subscription and its resources (suspicious sign-ins, malware, crypto mining, exfiltration) that no configuration check can see.',
    remediation:
      'Investigate the alert and follow its remediation steps, then set its status to Resolved or Dismissed in Defender for Cloud.',
    references: ['https://learn.microsoft.com/azure/defender-for-cloud/alerts-overview'],
  }),
  importCheck({
    id: 'azure.defender.imported_recommendations',
    resource: 'azure.security.assessment',
    source: 'azure.defender',
    detector: 'Defender for Cloud recommendations',
    severity: 'medium',
    risk: "Defender for Cloud's unhealthy assessments are weaknesses of the resources it assessed, kept in its console unless brought to the team's list.",
    remediation:
      "Apply the recommendation's remediation to the resource, or exempt the resource from the recommendation in Defender for Cloud when it is accepted.",
    references: ['https://learn.microsoft.com/azure/defender-for-cloud/review-security-recommendations'],
  }),
];
