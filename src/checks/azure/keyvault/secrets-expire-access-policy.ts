import { expiryCheck } from './expiry.js';

export default expiryCheck('secrets', 'access_policy');
