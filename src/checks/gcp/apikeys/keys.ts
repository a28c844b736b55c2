/** The API key record type and the audit-log methods that change keys. */
export const API_KEY = 'gcp.apikeys.key';
export const API_KEY_TRIGGERS = ['CreateKey', 'UpdateKey'].map((m) => `google.api.apikeys.v2.ApiKeys.${m}`);
