import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.compute.backend_service_logging_enabled',
  title: 'HTTP(S) load balancer backends log requests',
  severity: 'low',
  resource: 'gcp.compute.backend_service',
  triggers: ['insert', 'patch', 'update'].flatMap((m) => [
    `v1.compute.backendServices.${m}`,
    `v1.compute.regionBackendServices.${m}`,
  ]),
  description:
    'The backend service of an HTTP(S) load balancer does not log requests (logConfig.enable is off), or logs with a sample rate of 0.',
  risk: 'Without request logs, attacks on the applications behind the load balancer (scans, injection attempts, abuse) cannot be seen or investigated.',
  remediation: {
    text: 'Turn on logging for the backend service, with a sample rate of 1.',
    cli: 'gcloud compute backend-services update <backend-service> --global --enable-logging --logging-sample-rate=1',
  },
  references: ['https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring'],
  evaluate: (r) => {
    if (typeof r.ext.http !== 'boolean' || typeof r.ext.request_logging !== 'boolean')
      return error('the backend service settings could not be read');
    if (!r.ext.http)
      return notApplicable(`a ${String(r.ext.protocol)} backend is not behind an HTTP(S) load balancer`);
    if (!r.ext.request_logging)
      return fail(`backend service ${r.com.name} (${r.com.region}) does not log requests`, {
        evidence: { protocol: r.ext.protocol, load_balancing_scheme: r.ext.load_balancing_scheme },
      });
    if (r.ext.log_sample_rate === 0)
      return fail(`backend service ${r.com.name} (${r.com.region}) logs with a sample rate of 0`, {
        evidence: { log_sample_rate: 0 },
      });
    return pass(`requests are logged at a sample rate of ${String(r.ext.log_sample_rate)}`);
  },
});
