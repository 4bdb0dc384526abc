// One HTTP call to a provider's API (Zalo, Meta, Twilio, eSMS, Google), with a deadline and the
// activity's cancellation. Providers are fixed, configured hosts, so no SSRF vetting here (that
// is for customer-supplied webhook URLs); the base URL is configurable so tests use a local fake.
import { failed, type DeliveryResult } from '../types';

export type ProviderRequest = {
  method?: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; an object as JSON. */
  body?: string | Record<string, unknown> | unknown[];
  timeoutMs: number;
  signal?: AbortSignal;
};

export type ProviderResponse = {
  status: number;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** The first 300 characters of the body, for error messages. */
  snippet: string;
  header(name: string): string | undefined;
};

/** Why no answer came: the caller classifies all three as "try again later". */
export type ProviderFailure = { kind: 'timeout' | 'cancelled' | 'unreachable'; message: string };

export async function providerRequest(req: ProviderRequest): Promise<ProviderResponse | ProviderFailure> {
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  const headers: Record<string, string> = { 'user-agent': 'Braid/1.0', ...req.headers };
  let body: string | undefined;
  if (typeof req.body === 'string') body = req.body;
  else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  try {
    const res = await fetch(req.url, { method: req.method ?? 'POST', headers, body, signal, redirect: 'manual' });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, snippet: text.slice(0, 300), header: (name) => res.headers.get(name) ?? undefined };
  } catch (error) {
    const host = safeHost(req.url);
    if (req.signal?.aborted) return { kind: 'cancelled', message: 'the send was cancelled' };
    if (deadline.aborted) return { kind: 'timeout', message: `no answer within ${req.timeoutMs} ms from ${host}` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'unreachable', message: `could not reach ${host}${cause?.code ? ` (${cause.code})` : ''}: ${cause?.message ?? (error as Error).message}` };
  }
}

export const isFailure = (r: ProviderResponse | ProviderFailure): r is ProviderFailure => 'kind' in r;

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Joins a configured base URL ("https://graph.facebook.com", maybe with a trailing slash) and a path. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

/** Reads a positive number of milliseconds from env, or the default. */
export function envTimeout(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** No answer at all: always worth another try (the provider may have it; idempotency keys cover that where offered). */
export function transportFailed(prefix: string, failure: ProviderFailure): DeliveryResult {
  const code = failure.kind === 'timeout' ? 'TIMEOUT' : failure.kind === 'cancelled' ? 'CANCELLED' : 'UNREACHABLE';
  return failed(`${prefix}_${code}`, failure.message, true);
}

/** A payload field as a plain object, or undefined. */
export function objectField(payload: unknown, ...names: string[]): Record<string, unknown> | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  for (const name of names) {
    const v = (payload as Record<string, unknown>)[name];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  return undefined;
}

/** A payload field as a non-empty string, or undefined. */
export function stringField(payload: unknown, ...names: string[]): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  for (const name of names) {
    const v = (payload as Record<string, unknown>)[name];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}
