/** An origin of a distribution as its normaliser describes it (ext.origins). */
export interface Origin {
  id: string | null;
  domain_name: string | null;
  kind: 's3' | 'custom' | null;
  origin_access_control: string | null;
  origin_access_identity: string | null;
  protocol_policy: string | null;
  ssl_protocols: string[];
}
