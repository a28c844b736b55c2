/** The last path segment of a GCP resource URL or name ("…/zones/us-east4-c" -> "us-east4-c"). */
export function lastSegment(url: string): string {
  const parts = url.split('/');
  return parts[parts.length - 1] ?? url;
}

/** The region of a zone name or URL: us-east4-c -> us-east4. */
export function zoneRegion(zone: string): string {
  return lastSegment(zone).replace(/-[a-z]$/, '');
}

export const COMPUTE_API = 'https://www.googleapis.com/compute/v1';
