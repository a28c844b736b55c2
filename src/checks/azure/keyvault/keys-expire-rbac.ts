import { expiryCheck } from './expiry.js';

export default expiryCheck('keys', 'rbac');
