import { z } from 'zod';
import { defineCheck } from '../../core/check.js';
import { error, fail, pass } from '../../core/result.js';
import type { WebAppCom } from '../../core/shapes.js';

const VERSION = /^\d+\.\d+$/;

function compareVersions(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split('.').map(Number);
  const [bmaj = 0, bmin = 0] = b.split('.').map(Number);
  return amaj - bmaj || amin - bmin;
}

export default defineCheck({
  id: 'common.web.min_tls_version',
  title: 'Web front ends refuse TLS versions older than the minimum',
  severity: 'medium',
  resource: 'web_app',
  finding_type: 'web_app_tls_event',
  triggers: [
    'UpdateDistribution',
    'Microsoft.Web/sites/config/write',
    'Microsoft.Web/sites/write',
    'v1.compute.sslPolicies.patch',
  ],
  description:
    'The web application, CDN distribution or TLS policy accepts clients that negotiate TLS below the required version.',
  risk: 'TLS 1.0 and 1.1 have known weaknesses and are no longer allowed by PCI DSS; clients can be downgraded to them.',
  remediation: {
    text: 'Set the minimum TLS version to 1.2 or later.',
    clouds: {
      aws: {
        text: 'Give the CloudFront distribution a custom certificate and set its minimum protocol version to TLSv1.2_2021 (the default CloudFront certificate always accepts TLS 1.0).',
        cli: 'aws cloudfront get-distribution-config --id <id> --query DistributionConfig > config.json\n# in config.json set ViewerCertificate.MinimumProtocolVersion to "TLSv1.2_2021", then:\naws cloudfront update-distribution --id <id> --distribution-config file://config.json --if-match "$(aws cloudfront get-distribution-config --id <id> --query ETag --output text)"',
      },
      azure: {
        text: 'Set the minimum TLS version of the App Service app (and of its SCM site) to 1.2.',
        cli: 'az webapp config set -g <rg> -n <app> --min-tls-version 1.2',
      },
      gcp: {
        text: "Set the SSL policy's minimum TLS version to 1.2 (the load balancers using it follow).",
        cli: 'gcloud compute ssl-policies update <policy> --min-tls-version 1.2',
      },
    },
  },
  references: [
    'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts',
  ],
  params: z.object({ min_version: z.string().regex(VERSION).default('1.2') }),
  evaluate(app, { min_version }) {
    const c = app.com as typeof app.com & Partial<WebAppCom>;
    if (typeof c.min_tls_version !== 'string' || !VERSION.test(c.min_tls_version)) {
      return error('the minimum TLS version could not be read');
    }
    if (compareVersions(c.min_tls_version, min_version) >= 0) return pass(`minimum TLS ${c.min_tls_version}`);
    return fail(`${app.com.name} accepts TLS ${c.min_tls_version}, below ${min_version}`, {
      evidence: { min_tls_version: c.min_tls_version, required: min_version },
    });
  },
});
