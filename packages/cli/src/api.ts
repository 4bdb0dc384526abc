// The admin API over HTTP. A refusal keeps the API's code, message and the field each detail
// names, so the command can print where the problem is.
import type { Connection } from './config';

export interface ErrorDetail {
  field: string;
  message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export type ApiClient = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

export function apiClient(conn: Connection, fetchImpl: typeof fetch = fetch): ApiClient {
  return async <T>(method: string, path: string, body?: unknown) => {
    if (!conn.token) throw new ApiFailure(0, 'no_token', 'No admin token: run `braid login --token <token>`, set BRAID_TOKEN or pass --token');
    const headers: Record<string, string> = { authorization: `Bearer ${conn.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchImpl(`${conn.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiFailure(0, 'unreachable', `Braid is not reachable at ${conn.url} (${cause?.code ?? cause?.message ?? String(e)}): is it running? Set the address with --url or BRAID_URL`);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's page): reported below with the status.
    }
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
      throw new ApiFailure(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `${method} ${path} answered ${res.status}`, Array.isArray(error?.details) ? error.details : []);
    }
    return { status: res.status, body: parsed as T };
  };
}
