import { inlineKmsDecryptCheck } from './inline-kms-decrypt.js';

export default inlineKmsDecryptCheck('group', ['PutGroupPolicy']);
