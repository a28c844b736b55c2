import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { packagePath } from '../core/package-root.js';
import { sendText } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where `npm run build` puts the front end. */
export function defaultWebRoot(): string {
  return packagePath('dist', 'web');
}

/** Resolves a URL path inside `root`, or null when it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const base = resolve(root);
  const full = resolve(base, rel);
  return full === base || !full.startsWith(base + sep) ? null : full;
}

/** Serves the built front end; hashed assets are cached for a year, the page never. */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean,
): Promise<void> {
  const file = resolveInside(root, urlPath);
  if (file === null) return sendText(res, 404, 'not found');
  try {
    const st = await stat(file);
    if (!st.isFile()) return sendText(res, 404, 'not found');
  } catch {
    if (urlPath === '/' || urlPath === '/index.html') {
      return sendText(
        res,
        503,
        `The dashboard front end is not built (no ${join(root, 'index.html')}): run \`npm run build\`. The JSON API under /api works.`,
      );
    }
    return sendText(res, 404, 'not found');
  }
  const body = await readFile(file);
  res.statusCode = 200;
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader(
    'Cache-Control',
    urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  res.setHeader('Content-Length', body.length);
  res.end(head ? undefined : body);
}
