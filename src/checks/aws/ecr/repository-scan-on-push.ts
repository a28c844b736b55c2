import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ecr.repository_scan_on_push',
  title: 'ECR repositories scan images for vulnerabilities on push',
  severity: 'medium',
  resource: 'aws.ecr.repository',
  facts: { 'aws.ecr.repository': ['scan_on_push', 'scan_on_push_source'] },
  // the registry scanning configuration changes every repository of a region at once: no single
  // resource to re-read, the next scheduled scan picks it up
  triggers: [],
  description:
    'Images pushed to the repository are not scanned for vulnerabilities: no registry scanning rule covers it and its own scan-on-push setting is off.',
  risk: 'Images with known vulnerable packages reach deployment without anyone being told; the first sign may be their exploitation.',
  remediation: {
    text: 'Add a registry scanning rule that covers the repository (basic scan on push, or Amazon Inspector enhanced scanning), or turn on scan on push for the repository.',
    cli: 'aws ecr put-registry-scanning-configuration --scan-type BASIC --rules \'[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]\'',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html'],
  evaluate(repo) {
    const scanned = extBool(repo, 'scan_on_push');
    if (scanned === null)
      return error(
        `whether pushed images are scanned could not be read${whyUnknown(repo, 'registryScanning')}`,
      );
    if (!scanned) return fail(`images pushed to ${repo.com.name} are not scanned`);
    return pass(`scanned on push (${extStr(repo, 'scan_on_push_source') ?? 'configured'})`);
  },
});
