import Taro from '@tarojs/taro';
import { UPLOAD_FILE_FIELD } from '@sharecircle/shared';
import { ApiError } from './errors';

/** Build-time constant (config/index.ts): '' on H5 (same origin), the API host on weapp. */
const apiBase: string = typeof API_BASE === 'string' ? API_BASE : '';
export const API_PREFIX = '/api/v1';
export const REQUEST_TIMEOUT_MS = 15_000;
/** An image of up to 5 MB over a phone's uplink. */
export const UPLOAD_TIMEOUT_MS = 60_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

export interface RawReply {
  status: number;
  body: unknown;
}

export function apiUrl(path: string, query?: Query): string {
  const pairs = Object.entries(query ?? {})
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${apiBase}${API_PREFIX}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/** One HTTP exchange through Taro.request; any HTTP status resolves, only a network failure rejects. */
export async function send(method: HttpMethod, path: string, options: { query?: Query; body?: unknown; token?: string } = {}): Promise<RawReply> {
  const header: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) header['content-type'] = 'application/json';
  if (options.token) header.authorization = `Bearer ${options.token}`;
  try {
    const reply = await Taro.request({
      url: apiUrl(path, options.query),
      method,
      header,
      data: options.body as TaroGeneral.IAnyObject | undefined,
      dataType: 'json',
      timeout: REQUEST_TIMEOUT_MS,
    });
    return { status: reply.statusCode, body: reply.data };
  } catch (error) {
    throw new ApiError('NETWORK', (error as { errMsg?: string })?.errMsg ?? String(error), 0);
  }
}

/**
 * A file through Taro.downloadFile (an image the API draws): its local path, which canvas images and
 * previews take on both WeChat and H5. Any HTTP status resolves, only a network failure rejects.
 */
export async function download(path: string, token: string): Promise<{ status: number; tempFilePath: string }> {
  try {
    const reply = await Taro.downloadFile({ url: apiUrl(path), header: { authorization: `Bearer ${token}` }, timeout: REQUEST_TIMEOUT_MS });
    return { status: reply.statusCode, tempFilePath: reply.tempFilePath };
  } catch (error) {
    throw new ApiError('NETWORK', (error as { errMsg?: string })?.errMsg ?? String(error), 0);
  }
}

/**
 * A local file (a chosen image's temp path) through Taro.uploadFile: multipart/form-data with the file in
 * the field the API reads. The reply comes back as text; any HTTP status resolves, only a network failure rejects.
 */
export async function upload(path: string, filePath: string, token: string): Promise<RawReply> {
  try {
    const reply = await Taro.uploadFile({ url: apiUrl(path), filePath, name: UPLOAD_FILE_FIELD, header: { authorization: `Bearer ${token}` }, timeout: UPLOAD_TIMEOUT_MS });
    return { status: reply.statusCode, body: parseJson(reply.data) };
  } catch (error) {
    throw new ApiError('NETWORK', (error as { errMsg?: string })?.errMsg ?? String(error), 0);
  }
}

/** What the API answered, or null when it was not JSON (parseReply and errorFromReply then say so). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Turns a non-2xx reply into an ApiError carrying the server's code, message and extra data. */
export function errorFromReply(reply: RawReply): ApiError {
  const body = reply.body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | null;
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (error && typeof error.code === 'string') {
    const { code, message, requestId, ...data } = error as Record<string, unknown>;
    return new ApiError(code as string, String(message ?? code), reply.status, data, typeof requestId === 'string' ? requestId : undefined);
  }
  return new ApiError(reply.status >= 500 ? 'INTERNAL' : 'BAD_REPLY', `HTTP ${reply.status}`, reply.status);
}

/** Parses a 2xx body with the shared zod schema: a reply that does not match is an error, not data. */
export function parseReply<T>(schema: { parse(data: unknown): T }, reply: RawReply): T {
  try {
    return schema.parse(reply.body);
  } catch (error) {
    throw new ApiError('BAD_REPLY', (error as Error).message, reply.status);
  }
}
