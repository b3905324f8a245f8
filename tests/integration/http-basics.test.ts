import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the HTTP surface', () => {
  it('answers health and readiness', async () => {
    await t.http.get('/healthz').expect(200, { ok: true });
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.ok).toBe(true);
  });

  it('puts x-request-id on every response, keeping a safe one the caller sent', async () => {
    const mine = await t.http.get('/healthz').set('x-request-id', 'abc-123');
    expect(mine.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http.get('/api/v1/nowhere');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.error.requestId).toBe(generated.headers['x-request-id']);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND and a wrong method with 405', async () => {
    expect((await t.http.get('/api/v1/nowhere').expect(404)).body.error.code).toBe('ROUTE_NOT_FOUND');
    expect((await t.http.delete('/api/v1/me').expect(405)).body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses malformed JSON with 400 and non-JSON with 415', async () => {
    const user = await t.signIn('basics-user');
    const bad = await t.http
      .post('/api/v1/members/join')
      .set('authorization', `Bearer ${user.accessToken}`)
      .set('content-type', 'application/json')
      .send('{"type": "koc",');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const form = await t.http
      .post('/api/v1/members/join')
      .set('authorization', `Bearer ${user.accessToken}`)
      .set('content-type', 'text/plain')
      .send('type=koc');
    expect(form.status).toBe(415);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await t.http.post('/api/v1/auth/dev').set('content-type', 'application/json').send(JSON.stringify({ openid: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves an OpenAPI 3 document listing every mounted route', async () => {
    const doc = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const { createApp } = await import('../../server/src/app');
    const { routes } = createApp({ config: t.config, database: t.database, services: t.services, logger: require('pino')({ level: 'silent' }) });
    const mounted = routes.map((r) => `${r.method.toUpperCase()} /api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(mounted.sort());
    expect(documented).toContain('POST /api/v1/members/join');
    // The upload takes what wx.uploadFile sends; everything else takes JSON.
    expect(Object.keys(doc.body.paths['/api/v1/uploads'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(doc.body.paths['/api/v1/members/join'].post.requestBody.content)).toEqual(['application/json']);
  });
});

describe('an unexpected failure', () => {
  it('answers 500 with a request id and no internals', async () => {
    const broken = await startTestApp();
    const user = await broken.signIn('will-break');
    await broken.database.close();
    const response = await user.get('/me');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      error: { code: 'INTERNAL', message: expect.any(String), requestId: response.headers['x-request-id'] },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/at |\.ts|pg|sql/i);
    await broken.close();
  });
});
