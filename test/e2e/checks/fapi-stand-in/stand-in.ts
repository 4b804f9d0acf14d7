/**
 * A stand-in for a Clerk instance's Frontend API (FAPI), for tests only: it answers what clerk-js
 * (CHECKED_WITH_CLERK_JS, in the native mode @clerk/electron configures) asks for to run a signed-in
 * client, from state kept in memory, and nothing else. Every request is logged; a request it does
 * not serve is answered 404 and listed in `unhandled`, so a test can require that list be empty.
 *
 * Native mode, as on the real FAPI: no cookies; the client is named by the client token that the
 * app's main process stores (`Authorization: Bearer <client token>` on requests, the current one in
 * the `Authorization` response header). A request without a known client token gets a new,
 * signed-out client.
 *
 * Served:
 *   GET|PATCH /v1/environment                    the instance's settings
 *   GET /v1/client                               the client, with its active sessions and users
 *   POST /v1/client/sessions/:id/tokens          a new session JWT (60 s, RS256, azp = Origin), of the
 *                                                organization in `organization_id` (else the active one)
 *   POST /v1/client/sessions/:id/touch           the session, now the active one; `active_organization_id`
 *                                                switches organization (and completes a choose-organization task)
 *   POST /v1/client/sessions/:id/{end,remove}    sign one session out
 *   DELETE /v1/client/sessions                   sign every session out (clerk.signOut())
 *   DELETE /v1/client                            forget the client
 *   GET /v1/me                                   the signed-in user
 *   GET /v1/me/organization_memberships          the user's organizations (the organization switcher)
 *   GET /v1/me/organization_{invitations,suggestions}  none
 *   GET /.well-known/jwks.json, /v1/jwks         the public key main verifies with
 *   GET /npm/@clerk/ui@<pinned>/dist/*           Clerk's UI bundle (see ui-bundle.ts)
 *   GET https://img.clerk.com/*                  user images: a generated SVG
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { decodeJwt } from 'jose';
import {
  clientJson,
  environmentJson,
  isSignedIn,
  membershipJson,
  paginated,
  sessionJson,
  userJson,
  type StandInClient,
  type StandInSession,
  type StandInUser,
} from './resources.js';
import { mintSessionToken, SESSION_TOKEN_LIFETIME_SECONDS, type SigningKey } from './signing.js';
import type { ClerkUiBundle } from './ui-bundle.js';
import { CHECKED_WITH_CLERK_JS } from './version.js';

export interface FapiRequest {
  method: string;
  url: URL;
  /** Lower-case names */
  headers: Record<string, string>;
  /** The request's body (clerk-js sends form-encoded ones) */
  body?: string;
}

export interface FapiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface LoggedRequest {
  method: string;
  /** Path without the query */
  path: string;
  status: number;
  /** `_clerk_js_version` of the request, when clerk-js sent one */
  clerkJsVersion: string | null;
  /** Whether it carried a client token (`Authorization`) */
  withClientToken: boolean;
  /** Flagged as coming from a native app (`_is_native=1`), as @clerk/electron's set-up does */
  native: boolean;
}

export interface MintedToken {
  token: string;
  sub: string;
  sid: string;
  azp: string;
  /** The organization it was minted for, null for the personal account */
  orgId: string | null;
  iat: number;
  exp: number;
}

export interface FapiStandInOptions {
  /** Frontend API host, as decoded from the publishable key */
  host: string;
  key: SigningKey;
  /** Epoch ms: the test's clock (tokens are minted at this time) */
  now: () => number;
  ui: ClerkUiBundle;
  applicationName: string;
}

export const CLERK_IMAGES_HOST = 'img.clerk.com';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): FapiResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const fapiError = (status: number, code: string, message: string): FapiResponse =>
  json(status, { errors: [{ code, message, long_message: message, meta: {} }], clerk_trace_id: 'standin' });

const newId = (prefix: string) => `${prefix}_standin${randomBytes(8).toString('hex')}`;

export class FapiStandIn {
  readonly host: string;
  readonly issuer: string;
  readonly requests: LoggedRequest[] = [];
  /** `METHOD url` of every request the stand-in does not serve */
  readonly unhandled: string[] = [];
  readonly minted: MintedToken[] = [];
  /** UI bundle versions the page asked for */
  readonly uiVersionsRequested = new Set<string>();
  private readonly clients = new Map<string, StandInClient>();
  private readonly users = new Map<string, StandInUser>();
  /** organization id -> name (for its image) */
  private readonly organizationNames = new Map<string, string>();
  /** client token -> client id */
  private readonly clientTokens = new Map<string, string>();

  constructor(private readonly options: FapiStandInOptions) {
    this.host = options.host;
    this.issuer = `https://${options.host}`;
  }

  /** Clerk's UI bundle as served */
  get ui(): ClerkUiBundle {
    return this.options.ui;
  }

  /** The public key as PEM, for CLERK_JWT_KEY (the backends' networkless verification). */
  get publicKeyPem(): string {
    return this.options.key.publicKeyPem;
  }

  /** The JWKS main and the backends verify session tokens with. */
  jwks() {
    return { keys: [this.options.key.publicJwk] };
  }

  /**
   * A client on which `user` has signed in: returns its client token, i.e. what the app's main
   * process holds in its token storage after a sign-in (the app starts signed in). `activeOrgId`:
   * the organization the session starts in; `pending`: it still has to choose one.
   */
  signIn(
    user: StandInUser,
    { activeOrgId = null, pending = false }: { activeOrgId?: string | null; pending?: boolean } = {},
  ): { clientToken: string; sessionId: string } {
    this.users.set(user.id, user);
    for (const { organization } of user.memberships ?? []) this.organizationNames.set(organization.id, organization.name);
    const client = this.createClient();
    const session: StandInSession = {
      id: newId('sess'),
      user,
      status: pending ? 'pending' : 'active',
      activeOrgId,
      createdAt: this.options.now(),
      lastToken: null,
    };
    client.sessions.push(session);
    return { clientToken: this.tokenFor(client), sessionId: session.id };
  }

  /** Sessions by id, for assertions. */
  session(sessionId: string): StandInSession | undefined {
    for (const client of this.clients.values()) {
      const found = client.sessions.find((session) => session.id === sessionId);
      if (found) return found;
    }
    return undefined;
  }

  async handle(request: FapiRequest): Promise<FapiResponse> {
    const response = await this.route(request);
    const origin = request.headers['origin'];
    // Cross-origin from the renderer, as on the real FAPI: the client token header must be readable.
    if (origin) {
      response.headers['access-control-allow-origin'] = origin;
      response.headers['access-control-expose-headers'] = 'Authorization';
      response.headers['vary'] = 'Origin';
    }
    this.requests.push({
      method: effectiveMethod(request),
      path: request.url.pathname,
      status: response.status,
      clerkJsVersion: request.url.searchParams.get('_clerk_js_version'),
      withClientToken: Boolean(request.headers['authorization']),
      native: request.url.searchParams.get('_is_native') === '1',
    });
    return response;
  }

  private async route(request: FapiRequest): Promise<FapiResponse> {
    const { url } = request;
    const method = effectiveMethod(request);
    if (url.host === CLERK_IMAGES_HOST && method === 'GET')
      return avatar(this.imageInitials(url.pathname.split('/').pop() ?? ''));
    if (url.host !== this.host) return this.notServed(request);
    if (method === 'OPTIONS') return this.preflight(request);

    const path = url.pathname;
    if (method === 'GET' && (path === '/.well-known/jwks.json' || path === '/v1/jwks')) return json(200, this.jwks());
    if (method === 'GET' && path.startsWith('/npm/@clerk/ui@')) return this.uiFile(request);
    if (!path.startsWith('/v1/')) return this.notServed(request);

    if (path === '/v1/environment' && (method === 'GET' || method === 'PATCH')) {
      return json(200, environmentJson({ applicationName: this.options.applicationName }));
    }

    const client = this.clientOf(request);
    // The client rides along with every answer; the client token comes back in `Authorization`.
    const reply = async (response: (clientBody: unknown) => unknown) => {
      const body = await this.clientBody(client, request);
      return json(200, { response: response(body), client: body }, { authorization: this.tokenFor(client) });
    };
    const endAll = () => client.sessions.forEach((session) => (session.status = 'ended'));

    if (path === '/v1/client' && method === 'GET') return reply((body) => body);
    if (path === '/v1/client' && method === 'DELETE') {
      endAll();
      this.forget(client);
      return json(200, { response: null, client: null });
    }
    if (path === '/v1/client/sessions' && method === 'DELETE') {
      endAll();
      return reply((body) => body);
    }
    const me = /^\/v1\/me(\/organization_memberships|\/organization_invitations|\/organization_suggestions)?$/.exec(path);
    if (me && method === 'GET') {
      const session = client.sessions.find(isSignedIn);
      if (!session) return fapiError(401, 'signed_out', 'You are signed out');
      const { user, createdAt } = session;
      if (!me[1]) return reply(() => userJson(user, createdAt));
      const memberships = me[1] === '/organization_memberships' ? (user.memberships ?? []) : [];
      return reply(() =>
        paginated(
          memberships.map((membership) => membershipJson(user, membership, createdAt)),
          url,
        ),
      );
    }

    const match = /^\/v1\/client\/sessions\/([^/]+)\/(tokens|touch|end|remove)$/.exec(path);
    if (match && method === 'POST') {
      const session = client.sessions.find((s) => s.id === decodeURIComponent(match[1]!));
      if (!session || !isSignedIn(session))
        return fapiError(404, 'resource_not_found', 'No active session with this id on this client');
      const form = new URLSearchParams(request.body ?? '');
      switch (match[2]) {
        case 'tokens': {
          const orgId = form.has('organization_id') ? form.get('organization_id') || null : session.activeOrgId;
          if (!this.membership(session, orgId)) return fapiError(403, 'not_a_member', 'Not a member of this organization');
          return json(200, { object: 'token', jwt: await this.mint(session, request, orgId) });
        }
        case 'touch': {
          if (form.has('active_organization_id')) {
            const orgId = form.get('active_organization_id') || null;
            if (!this.membership(session, orgId)) return fapiError(403, 'not_a_member', 'Not a member of this organization');
            session.activeOrgId = orgId;
            // Choosing an organization is the task of a pending session.
            if (orgId && session.status === 'pending') session.status = 'active';
          }
          return reply(() => sessionJson(session, this.options.now()));
        }
        default:
          session.status = match[2] === 'end' ? 'ended' : 'removed';
          return reply(() => sessionJson(session, this.options.now()));
      }
    }
    return this.notServed(request);
  }

  /** The client as the FAPI sends it: each signed-in session with a current session token (minted if needed). */
  private async clientBody(client: StandInClient, request: FapiRequest) {
    for (const session of client.sessions)
      if (isSignedIn(session) && !this.isCurrent(session)) await this.mint(session, request, session.activeOrgId);
    return clientJson(client, this.options.now());
  }

  /** The user's membership in `orgId`; `true` for the personal account (null). */
  private membership(session: StandInSession, orgId: string | null) {
    return orgId === null || session.user.memberships?.find((membership) => membership.organization.id === orgId);
  }

  private async mint(session: StandInSession, request: FapiRequest, orgId: string | null): Promise<string> {
    const azp = request.headers['origin'];
    if (!azp) throw new Error('token request without an Origin header');
    const membership = this.membership(session, orgId);
    const org =
      typeof membership === 'object'
        ? { id: membership.organization.id, slug: membership.organization.slug, ...membership }
        : null;
    const sts = session.status === 'pending' ? 'pending' : 'active';
    const claims = { sub: session.user.id, sid: session.id, azp, iss: this.issuer, sts, org } as const;
    const token = await mintSessionToken(this.options.key, claims, this.options.now());
    const { iat, exp } = decodeJwt(token) as { iat: number; exp: number };
    session.lastToken = token;
    this.minted.push({ token, sub: session.user.id, sid: session.id, azp, orgId, iat, exp });
    return token;
  }

  /** The session's last token is of its organization and still valid for more than half its lifetime. */
  private isCurrent(session: StandInSession): boolean {
    const last = session.lastToken ? this.minted.find((token) => token.token === session.lastToken) : undefined;
    return (
      last !== undefined &&
      last.orgId === session.activeOrgId &&
      last.exp * 1000 - this.options.now() > (SESSION_TOKEN_LIFETIME_SECONDS * 1000) / 2
    );
  }

  /** Initials for an image of `https://img.clerk.com/standin/<user or organization id>`. */
  private imageInitials(id: string): string {
    const user = this.users.get(id);
    if (user) return `${user.firstName[0] ?? ''}${user.lastName[0] ?? ''}`;
    return this.organizationNames.get(id)?.slice(0, 2) ?? '?';
  }

  private preflight(request: FapiRequest): FapiResponse {
    return {
      status: 204,
      headers: {
        'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
      },
      body: '',
    };
  }

  private uiFile(request: FapiRequest): FapiResponse {
    const match = /^\/npm\/@clerk\/ui@([^/]+)\/dist\/([\w.-]+)$/.exec(request.url.pathname);
    const { ui } = this.options;
    if (!match) return this.notServed(request);
    this.uiVersionsRequested.add(match[1]!);
    // The entry point is asked for at the app's pinned version; its chunks at the version they belong to.
    if (match[1] !== ui.requestedVersion && match[1] !== ui.servedVersion) return this.notServed(request);
    const file = normalize(join(ui.distDir, match[2]!));
    try {
      return { status: 200, headers: { 'content-type': contentType(file) }, body: readFileSync(file) };
    } catch {
      return this.notServed(request);
    }
  }

  private notServed(request: FapiRequest): FapiResponse {
    this.unhandled.push(`${request.method} ${request.url.href}`);
    return fapiError(
      404,
      'resource_not_found',
      `Not served by the FAPI stand-in (checked with clerk-js ${CHECKED_WITH_CLERK_JS})`,
    );
  }

  private createClient(): StandInClient {
    const client: StandInClient = { id: newId('client'), sessions: [], createdAt: this.options.now() };
    this.clients.set(client.id, client);
    return client;
  }

  private tokenFor(client: StandInClient): string {
    for (const [token, id] of this.clientTokens) if (id === client.id) return token;
    const token = `client_token_${randomBytes(16).toString('hex')}`;
    this.clientTokens.set(token, client.id);
    return token;
  }

  private forget(client: StandInClient): void {
    this.clients.delete(client.id);
    for (const [token, id] of this.clientTokens) if (id === client.id) this.clientTokens.delete(token);
  }

  /** The client named by the request's client token; a new signed-out one when there is none. */
  private clientOf(request: FapiRequest): StandInClient {
    const header = request.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : header;
    const id = this.clientTokens.get(token);
    return (id && this.clients.get(id)) || this.createClient();
  }
}

/** clerk-js sends PATCH, PUT and DELETE as POST with `_method` (as an HTML form would). */
function effectiveMethod(request: FapiRequest): string {
  const override = request.method === 'POST' ? request.url.searchParams.get('_method') : null;
  return override ? override.toUpperCase() : request.method;
}

function contentType(file: string): string {
  if (file.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (file.endsWith('.css')) return 'text/css; charset=utf-8';
  if (file.endsWith('.json') || file.endsWith('.map')) return 'application/json';
  return 'application/octet-stream';
}

/** An image for `https://img.clerk.com/...` (Clerk's image CDN): the user's or organization's initials. */
function avatar(initials: string): FapiResponse {
  const hue = [...initials].reduce((sum, char) => sum + char.charCodeAt(0) * 47, 0) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue} 45% 45%)"/><text x="32" y="41" font-family="sans-serif" font-size="26" font-weight="600" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: svg };
}
