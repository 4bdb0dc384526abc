// Every /api sub-app is built here: one validation hook; every declared JSON body required
// (unless a route says otherwise); and the 415 that json-body.ts gives any write whose body is
// not JSON documented on every write.
// @hono/zod-openapi skips validation of an optional body sent without Content-Type and hands
// the handler `{}` typed as the schema's output; a POST or PUT without a body then failed deep
// in the handler with 500. Required, a missing body is validated as `{}` and each missing field
// is named in a 400 (and the OpenAPI document says the body is required).
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { validationHook } from '../errors';
import { ErrorSchema } from './common';

const unsupported = {
  description: 'The body is not JSON (`Content-Type` must be `application/json`)',
  content: { 'application/json': { schema: ErrorSchema } },
};

function withBodyRules<R extends RouteConfig>(route: R): R {
  const body = route.request?.body;
  const writes = route.method !== 'get' && route.method !== 'head' && route.method !== 'options';
  return {
    ...route,
    ...(body ? { request: { ...route.request, body: { required: true, ...body } } } : {}),
    ...(writes ? { responses: { 415: unsupported, ...route.responses } } : {}),
  };
}

export function adminApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const register = app.openapi as (route: RouteConfig, ...rest: unknown[]) => unknown;
  app.openapi = ((route: RouteConfig, ...rest: unknown[]) => register(withBodyRules(route), ...rest)) as typeof app.openapi;
  return app;
}
