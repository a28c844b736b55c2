import updateAssessment from '../../../src/checks/azure/compute/vm-periodic-update-assessment.js';
import httpLogs from '../../../src/checks/azure/web/http-logs-enabled.js';
import httpsOnly from '../../../src/checks/azure/web/https-only.js';
import { checkTester } from '../../helpers/check-tester.js';
import { makeResource } from '../../helpers/resource.js';
import { azureRec } from './scope.js';

const vm = (ext: Record<string, unknown>) => azureRec('azure.compute.vm', ext, 'vm-web-01');
const site = (ext: Record<string, unknown>) => azureRec('azure.web.site', ext, 'shop-frontend');

checkTester(updateAssessment, {
  pass: [
    {
      name: 'AutomaticByPlatform',
      input: vm({ patch_assessment_mode: 'AutomaticByPlatform', periodic_update_assessment: true }),
      message: 'vm-web-01',
    },
  ],
  fail: [
    {
      name: 'ImageDefault (the default)',
      input: vm({ patch_assessment_mode: 'ImageDefault', periodic_update_assessment: false }),
      message: 'not assessed',
    },
  ],
  error: [
    {
      name: 'a record without the fact (an old snapshot)',
      input: vm({}),
      message: 'periodic_update_assessment',
    },
  ],
});

checkTester(httpLogs, {
  pass: [
    {
      name: 'a setting sends AppServiceHTTPLogs',
      input: site({ http_logs_enabled: true, http_log_settings: ['to-workspace'] }),
      message: 'to-workspace',
    },
  ],
  fail: [
    {
      name: 'no diagnostic setting with the HTTP logs',
      input: site({ http_logs_enabled: false, http_log_settings: [] }),
      message: 'shop-frontend',
    },
  ],
  error: [
    {
      name: 'the diagnostic settings could not be read (403)',
      input: site({
        http_logs_enabled: null,
        unknown_facts: { http_logs_enabled: 'AuthorizationFailed (HTTP 403)' },
      }),
      message: 'AuthorizationFailed',
    },
  ],
});

const webApp = (httpsOnly: boolean | null) =>
  makeResource({
    cloud: 'azure',
    type: 'web_app',
    extType: 'azure.web.site',
    name: 'shop-frontend',
    com: { https_only: httpsOnly, min_tls_version: '1.2' },
  });

checkTester(httpsOnly, {
  pass: [{ name: 'HTTPS Only on', input: webApp(true), message: 'redirects' }],
  fail: [{ name: 'HTTPS Only off', input: webApp(false), message: 'plain HTTP' }],
  error: [{ name: 'not in the answer', input: webApp(null), message: 'does not say' }],
});
