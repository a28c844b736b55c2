import { expiryCheck } from './expiry.js';

export default expiryCheck('secrets', 'rbac');
