/** The API of a server process over plain HTTP, for tests that run the server as its own process. */
export interface ApiReply {
  status: number;
  body: Record<string, any>;
}

export async function api(
  baseUrl: string,
  path: string,
  init: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT'; token?: string; body?: unknown } = {},
): Promise<ApiReply> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A call that must answer `status` (200 unless told); anything else throws with the server's reply. */
export async function apiExpect(baseUrl: string, path: string, init: Parameters<typeof api>[2] = {}, status = 200): Promise<Record<string, any>> {
  const reply = await api(baseUrl, path, init);
  if (reply.status !== status) throw new Error(`${path} answered ${reply.status}, not ${status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Demo sign-in by openid (`POST /auth/dev`, absent in production); answers the whole session. */
export async function signInDev(baseUrl: string, openid: string, nickname?: string): Promise<Record<string, any>> {
  return apiExpect(baseUrl, '/auth/dev', { body: { openid, nickname } });
}
