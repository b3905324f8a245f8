import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { errorBodySchema, errorStatus } from '@sharecircle/shared';
import type { z } from 'zod';
import { API_PREFIX } from './router';
import type { RouteDef } from './route';

/** The OpenAPI 3 document, generated from the same declarations that mount the routes. */
export function buildOpenApiDocument(routes: RouteDef[], info: { version: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const def of routes) {
    const errors = new Map<number, string[]>();
    const codes = [...(def.errors ?? []), 'VALIDATION_FAILED', ...(def.access === 'public' ? [] : ['UNAUTHENTICATED', 'FORBIDDEN'])] as const;
    for (const code of codes) {
      const status = errorStatus[code as keyof typeof errorStatus];
      errors.set(status, [...(errors.get(status) ?? []), code]);
    }
    const successStatus = def.status ?? 200;
    registry.registerPath({
      method: def.method,
      path: API_PREFIX + def.path.replace(/:(\w+)/g, '{$1}'),
      summary: def.summary,
      tags: [def.tag],
      description: `Access: ${Array.isArray(def.access) ? def.access.join(', ') : def.access}`,
      security: def.access === 'public' ? [] : [{ bearer: [] }],
      request: {
        params: def.params as z.ZodObject | undefined,
        query: def.query as z.ZodObject | undefined,
        body: def.body ? { content: { [def.bodyContentType ?? 'application/json']: { schema: def.body } } } : undefined,
      },
      responses: {
        [successStatus]: def.response
          ? { description: 'success', content: { 'application/json': { schema: def.response } } }
          : { description: 'success (not JSON)' },
        ...Object.fromEntries(
          [...errors].map(([status, list]) => [
            status,
            { description: list.join(', '), content: { 'application/json': { schema: errorBodySchema } } },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'Sharecircle API', version: info.version },
  });
}
