import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error with the HTTP status and the message the client gets. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/** What an API handler sees of a request. */
export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

/** A handler's answer: a JSON body, with a status other than 200 when given. */
export type ApiResult = unknown | { status: number; body: unknown };

export interface Created {
  status: number;
  body: unknown;
}

export const created = (body: unknown): Created => ({ status: 201, body });

export function isCreated(v: unknown): v is Created {
  return v !== null && typeof v === 'object' && 'status' in v && 'body' in v && typeof v.status === 'number';
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

const MAX_BODY = 256 * 1024;

/** Reads a JSON request body (at most 256 KiB); anything that is not JSON is refused. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    throw new HttpError(
      415,
      `expected a JSON body (Content-Type: application/json), got "${type || 'none'}"`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new HttpError(413, `the request body is over ${MAX_BODY / 1024} KiB`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
  }
}
