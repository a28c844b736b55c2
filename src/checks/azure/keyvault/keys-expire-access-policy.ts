import { expiryCheck } from './expiry.js';

export default expiryCheck('keys', 'access_policy');
