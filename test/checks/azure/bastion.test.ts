import bastion from '../../../src/checks/azure/network/bastion-host-exists.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec, subscription } from './scope.js';

checkTester(bastion, {
  pass: [
    {
      name: 'one Bastion host',
      input: subscription([
        azureRec('azure.network.bastion_host', { provisioning_state: 'Succeeded' }, 'hub-bastion'),
      ]),
      message: 'hub-bastion',
    },
  ],
  fail: [{ name: 'none', input: subscription([]), message: 'no Bastion host' }],
  error: [{ name: 'the list could not be read', input: subscription([], ['azure.network.bastion_host']) }],
});
