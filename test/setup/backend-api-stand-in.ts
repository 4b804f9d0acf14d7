/**
 * A Clerk Backend API stand-in for `setup` and `doctor`: an HTTP server holding one instance's
 * settings. Every request and every answer is checked against Clerk's published OpenAPI document
 * (clerk-backend-api.yml, version in its header): an operation it does not list, a query parameter
 * it does not define or a body its schema refuses is answered 400 and recorded in `violations`,
 * so a wrong path, method or body fails the test that made it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Schema[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, Schema>;
}

export const SPEC = parse(readFileSync(new URL('./clerk-backend-api.yml', import.meta.url), 'utf8')) as {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
};

function resolveRef<T>(node: T): T {
  let current = node as Schema;
  while (current && typeof current.$ref === 'string') {
    current = (current.$ref.slice(2).split('/') as string[]).reduce<Schema>(
      (at, key) => at[key] as Schema,
      SPEC as unknown as Schema,
    );
  }
  return current as T;
}

/** The JSON Schema subset OpenAPI 3.0 documents use; returns what is wrong, or nothing. */
export function schemaErrors(value: unknown, schemaOrRef: Schema, at = '$'): string[] {
  const schema = resolveRef(schemaOrRef);
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.oneOf) {
    const matches = (schema.oneOf as Schema[]).filter((option) => schemaErrors(value, option, at).length === 0).length;
    return matches === 1 ? [] : [`${at} matches ${matches} of oneOf`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) return [`${at} is not one of ${JSON.stringify(schema.enum)}`];
  const type = schema.type as string | undefined;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type && !(type === actual || (type === 'number' && actual === 'integer'))) return [`${at} is ${actual}, not ${type}`];
  if (type === 'array')
    return (value as unknown[]).flatMap((item, i) => schemaErrors(item, schema.items as Schema, `${at}[${i}]`));
  if (type !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const errors = ((schema.required ?? []) as string[]).filter((key) => !(key in object)).map((key) => `${at}.${key} is missing`);
  for (const [key, item] of Object.entries(object)) {
    if (properties[key]) errors.push(...schemaErrors(item, properties[key], `${at}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${at}.${key} is not in the schema`);
  }
  return errors;
}

function operationFor(method: string, path: string): { operation?: Operation; template?: string } {
  for (const [template, operations] of Object.entries(SPEC.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return { operation: operations[method.toLowerCase()], template };
  }
  return {};
}

/** What a query string may hold for this operation, as the document defines it. */
function queryErrors(operation: Operation, query: URLSearchParams): string[] {
  const parameters = (operation.parameters ?? []).map((parameter) => resolveRef(parameter)).filter((p) => p.in === 'query');
  return [...query.keys()].flatMap((name) => {
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) return [`query parameter ${name} is not defined`];
    const schema = parameter.schema as Schema;
    const raw = query.get(name)!;
    const value = schema.type === 'integer' ? Number(raw) : schema.type === 'boolean' ? raw === 'true' : raw;
    const errors = schemaErrors(value, schema, name);
    if (
      typeof value === 'number' &&
      (value < ((schema.minimum as number) ?? -Infinity) || value > ((schema.maximum as number) ?? Infinity))
    ) {
      errors.push(`${name}=${raw} is out of range`);
    }
    return errors;
  });
}

export interface InstanceState {
  secretKey: string;
  environment: 'development' | 'production';
  frontendApiHost: string;
  allowedOrigins: string[] | null;
  redirectUrls: { id: string; url: string }[];
  /** Clerk answers PATCH /instance but forgets the change (to test the read-back) */
  dropsOriginUpdates?: boolean;
}

export interface BackendApiStandIn {
  url: string;
  state: InstanceState;
  /** Each request as "METHOD /path" */
  requests: string[];
  violations: string[];
  publicKeyPem: string;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

export async function startBackendApiStandIn(initial: Partial<InstanceState> = {}): Promise<BackendApiStandIn> {
  const state: InstanceState = {
    secretKey: 'sk_test_standin',
    environment: 'development',
    frontendApiHost: 'able-lark-12.clerk.accounts.dev',
    allowedOrigins: null,
    redirectUrls: [],
    ...initial,
  };
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const requests: string[] = [];
  const violations: string[] = [];
  const now = 1_760_000_000_000;

  const answer = (method: string, path: string, body: unknown): [number, unknown] => {
    if (method === 'GET' && path === '/instance') {
      return [
        200,
        {
          object: 'instance',
          id: 'ins_standin',
          environment_type: state.environment,
          allowed_origins: state.allowedOrigins,
          workspace_id: null,
        },
      ];
    }
    if (method === 'PATCH' && path === '/instance') {
      const origins = (body as { allowed_origins?: string[] }).allowed_origins;
      if (origins && !state.dropsOriginUpdates) state.allowedOrigins = origins;
      return [204, undefined];
    }
    if (method === 'GET' && path === '/domains') {
      const domain = {
        object: 'domain',
        id: 'dmn_standin',
        name: state.frontendApiHost.replace(/^clerk\./, ''),
        is_satellite: false,
        frontend_api_url: `https://${state.frontendApiHost}`,
        accounts_portal_url: null,
        development_origin: '',
      };
      return [200, { data: [domain], total_count: 1 }];
    }
    if (method === 'GET' && path === '/redirect_urls') {
      return [200, state.redirectUrls.map((entry) => ({ object: 'redirect_url', ...entry, created_at: now, updated_at: now }))];
    }
    if (method === 'POST' && path === '/redirect_urls') {
      const entry = { id: `ru_${state.redirectUrls.length + 1}`, url: (body as { url: string }).url };
      state.redirectUrls.push(entry);
      return [200, { object: 'redirect_url', ...entry, created_at: now, updated_at: now }];
    }
    if (method === 'GET' && path === '/jwks') {
      return [200, { keys: [{ kid: 'ins_standin', alg: 'RS256', use: 'sig', kty: 'RSA', n: jwk.n, e: jwk.e }] }];
    }
    return [
      404,
      { errors: [{ message: 'not found', long_message: `the stand-in has no ${method} ${path}`, code: 'resource_not_found' }] },
    ];
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://stand-in');
    const method = request.method!;
    const path = url.pathname.replace(/^\/v1/, '');
    requests.push(`${method} ${path}`);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const refuse = (problems: string[]) => {
      violations.push(...problems.map((problem) => `${method} ${url.pathname}${url.search}: ${problem}`));
      reply(400, {
        errors: problems.map((problem) => ({ message: problem, long_message: problem, code: 'stand_in_violation' })),
      });
    };
    if (!url.pathname.startsWith('/v1/')) return refuse(['not under /v1 (the servers URL of the document)']);
    const { operation, template } = operationFor(method, path);
    if (!operation) return refuse([template ? `${method} is not an operation of ${template}` : 'no such path in the document']);
    if (request.headers.authorization !== `Bearer ${state.secretKey}`) {
      return reply(401, {
        errors: [{ message: 'Unauthorized', long_message: 'The secret key is invalid.', code: 'authentication_invalid' }],
      });
    }
    let body: unknown;
    try {
      body = await bodyOf(request);
    } catch {
      return refuse(['the body is not JSON']);
    }
    const schema = operation.requestBody?.content['application/json'].schema;
    const problems = queryErrors(operation, url.searchParams);
    if (schema && body === undefined) problems.push('the body is missing');
    if (!schema && body !== undefined) problems.push('this operation takes no body');
    if (schema && body !== undefined) problems.push(...schemaErrors(body, schema, 'body'));
    if (body !== undefined && !String(request.headers['content-type']).startsWith('application/json'))
      problems.push('Content-Type is not application/json');
    if (problems.length) return refuse(problems);

    const [status, answerBody] = answer(method, path, body);
    const declared = resolveRef(operation.responses[String(status)]);
    if (!declared) violations.push(`${method} ${path}: the document declares no ${status} answer`);
    const answerSchema = (declared?.content as { 'application/json'?: { schema: Schema } } | undefined)?.['application/json']
      ?.schema;
    if (answerSchema) violations.push(...schemaErrors(answerBody, answerSchema, `${method} ${path} answer`));
    reply(status, answerBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    requests,
    violations,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
