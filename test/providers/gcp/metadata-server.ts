import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the GCE / Cloud Run / GKE metadata server on http://127.0.0.1, reached by the
 * auth library through GCE_METADATA_HOST=127.0.0.1:PORT. Like the real one, it refuses a request
 * without `Metadata-Flavor: Google` (403) and marks every answer with the same header, which the
 * library checks. Tokens come from `issueToken` (the fixture server's), so the reads that follow
 * are checked against a token the metadata server really gave.
 */
export interface MetadataServer {
  /** 127.0.0.1:PORT, the value for GCE_METADATA_HOST */
  host: string;
  /** every request: path with query, and whether it had the header */
  requests: { path: string; flavored: boolean }[];
  close(): Promise<void>;
}

export async function startMetadataServer(opts: {
  email: string;
  projectId: string;
  issueToken: (principal: string) => string;
  /** the universe the VM is in; absent = the endpoint is not served (404), as outside sovereign clouds */
  universe?: string;
}): Promise<MetadataServer> {
  const requests: MetadataServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const flavored = req.headers['metadata-flavor'] === 'Google';
    requests.push({ path: `${url.pathname}${url.search}`, flavored });
    const send = (status: number, body: string, type = 'application/text') => {
      res.writeHead(status, { 'metadata-flavor': 'Google', 'content-type': type });
      res.end(body);
    };
    if (!flavored) return send(403, 'Missing Metadata-Flavor:Google header.', 'text/html');
    const base = '/computeMetadata/v1/';
    if (!url.pathname.startsWith(base)) return send(404, 'Not Found');
    const key = url.pathname.slice(base.length);
    switch (key) {
      case 'instance':
      case 'instance/':
        return send(200, 'attributes/\nhostname\nid\nservice-accounts/\nzone\n');
      case 'instance/service-accounts/default/email':
        return send(200, opts.email);
      case 'instance/service-accounts/default/token': {
        const token = opts.issueToken(opts.email);
        return send(
          200,
          JSON.stringify({ access_token: token, expires_in: 3599, token_type: 'Bearer' }),
          'application/json',
        );
      }
      case 'project/project-id':
        return send(200, opts.projectId);
      case 'universe/universe-domain':
        return opts.universe ? send(200, opts.universe) : send(404, 'Not Found');
      default:
        return send(404, 'Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
