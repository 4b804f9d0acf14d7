/**
 * The caller's identity from verified Clerk session claims, shaped like @clerk/backend's signed-in auth object, with its
 * `has()` rules. Pure, no imports: main and the backend both run this file. Session tokens v2 carry the active
 * organization in `o` ({ id, slg, rol, per, fpm }, permissions a bitmap over the organization's `fea` features); v1
 * tokens in `org_*` claims. Stricter than Clerk where a claim is not what Clerk issues (the generator's differential
 * test pins each case): a malformed organization claim or a version other than 1 or 2 gives no organization, an
 * unreadable `fea` / `pla` no features or plans, and organization features and plans need an active organization.
 */

/**
 * What `has()` can ask; several at once must all hold. Roles (`org:admin`) and permissions (`org:notes:write`)
 * get `org:` when they lack it. Features and plans: `o:` / `org:` (the organization's), `u:` / `user:` (the
 * user's), or either when unscoped.
 */
export type AccessCheck = { role?: string; permission?: string; feature?: string; plan?: string };

export interface AuthObject {
  userId: string;
  sessionId: string;
  /** `sts`: `active` (also when absent) or `pending` (a session task, such as choosing an organization, is open). */
  status: 'active' | 'pending' | (string & {});
  /** The active organization; undefined when there is none (then orgRole, orgSlug, orgPermissions are too). */
  orgId: string | undefined;
  orgRole: string | undefined;
  orgSlug: string | undefined;
  /** `org:<feature>:<permission>` names; undefined in a v1 token without `org_permissions`. */
  orgPermissions: string[] | undefined;
  /** Minutes since the first and second factor were verified (`fva`; -1: never), or null. */
  factorVerificationAge: [number, number] | null;
  has(check: AccessCheck): boolean;
}

type Claims = Record<string, unknown>;
type Organization = Pick<AuthObject, 'orgId' | 'orgRole' | 'orgSlug' | 'orgPermissions'>;
type Scoped = { org: string[]; user: string[] };

const NO_ORG: Organization = { orgId: undefined, orgRole: undefined, orgSlug: undefined, orgPermissions: undefined };

/** `sub` and `sid` must already be checked (non-empty strings) by the verifier. */
export function authFromClaims(verifiedClaims: object): AuthObject {
  const claims = verifiedClaims as Claims;
  const version = claims.v ?? 1;
  const readable = version === 1 || version === 2;
  const [features, plans] = readable ? [splitByScope(claims.fea), splitByScope(claims.pla)] : [null, null];
  const organization = !readable ? null : version === 2 ? orgFromV2(claims.o, features) : orgFromV1(claims);
  const auth: Omit<AuthObject, 'has'> = {
    userId: claims.sub as string,
    sessionId: claims.sid as string,
    status: typeof claims.sts === 'string' ? claims.sts : 'active',
    ...(organization ?? NO_ORG),
    factorVerificationAge: factorAge(claims.fva),
  };
  const orgScoped = (list: Scoped | null): Scoped | null => list && (organization ? list : { org: [], user: list.user });
  return { ...auth, has: createHas(auth, orgScoped(features), orgScoped(plans)) };
}

/** What a procedure needs: an active organization, or what `has()` checks. */
export type AccessNeed = 'organization' | AccessCheck;

/** Why the caller lacks what it needs (a FORBIDDEN message for the renderer), or null when it has it. */
export function accessRefusal(auth: AuthObject, need: AccessNeed): string | null {
  if (need === 'organization') return auth.orgId ? null : 'This needs an active organization: choose one first.';
  if (auth.has(need)) return null;
  const missing = Object.entries(need).filter(([key, value]) => !auth.has({ [key]: value }));
  const names = missing.map(([key, value]) => `the ${key} "${String(value)}"`).join(' and ');
  return auth.orgId || !('role' in need || 'permission' in need)
    ? `This needs ${names}.`
    : `This needs ${names} in the active organization, and there is none: choose one first.`;
}

function orgFromV1(claims: Claims): Organization | null {
  const { org_id: id, org_role: role, org_slug: slug, org_permissions: permissions } = claims;
  const permissionList = permissions === undefined || (Array.isArray(permissions) && permissions.every(isString));
  if (!isName(id) || !isName(role) || !maybeString(slug) || !permissionList) return null;
  return { orgId: id, orgRole: role, orgSlug: slug, orgPermissions: permissions as string[] | undefined };
}

/** An unreadable `fea` is where @clerk/backend throws: no organization then. */
function orgFromV2(o: unknown, features: Scoped | null): Organization | null {
  if (!features || typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const { id, rol, slg, per, fpm } = o as Claims;
  if (!isName(id) || !isName(rol) || !maybeString(slg) || !maybeString(per) || !maybeString(fpm)) return null;
  return { orgId: id, orgRole: `org:${rol}`, orgSlug: slg, orgPermissions: permissionsFromBitmap(features.org, per, fpm) };
}

/** `per` names the permissions; `fpm` holds a decimal bitmap per organization feature (`fea` order), bit i for `per[i]`. */
function permissionsFromBitmap(features: string[], per: string | undefined, fpm: string | undefined): string[] {
  if (!per || !fpm) return [];
  const names = per.split(',').map((name) => name.trim());
  const maps = fpm.split(',').map((map) => map.trim());
  return features.flatMap((feature, index) => {
    const map = maps[index];
    if (map === undefined || !/^\d+$/.test(map)) return [];
    return names.filter((_, bit) => (BigInt(map) >> BigInt(bit)) & 1n).map((name) => `org:${feature}:${name}`);
  });
}

/** `o:a,u:b,ou:c` → org [a, c], user [b, c]; null when the claim is not such a list (absent: empty). */
function splitByScope(claim: unknown): Scoped | null {
  const scoped: Scoped = { org: [], user: [] };
  if (claim === undefined || claim === '') return scoped;
  if (typeof claim !== 'string') return null;
  for (const part of claim.split(',').map((item) => item.trim())) {
    const colon = part.indexOf(':');
    if (colon === -1) return null;
    const [scope, name] = [part.slice(0, colon), part.slice(colon + 1)];
    if (scope === 'o' || scope === 'ou' || scope === 'uo') scoped.org.push(name);
    if (scope === 'u' || scope === 'ou' || scope === 'uo') scoped.user.push(name);
  }
  return scoped;
}

function createHas(auth: Omit<AuthObject, 'has'>, features: Scoped | null, plans: Scoped | null) {
  const withOrg = (name: string) => name.replace(/^(org:)*/, 'org:');
  const checks: { [Key in keyof AccessCheck]-?: (wanted: string) => boolean } = {
    role: (role) => auth.orgRole !== undefined && withOrg(auth.orgRole) === withOrg(role),
    permission: (permission) => auth.orgPermissions?.includes(withOrg(permission)) ?? false,
    feature: (feature) => hasScoped(features, feature),
    plan: (plan) => hasScoped(plans, plan),
  };
  return (check: AccessCheck): boolean => {
    const asked = (Object.keys(checks) as (keyof AccessCheck)[]).filter((key) => check[key] !== undefined);
    return asked.length > 0 && asked.every((key) => typeof check[key] === 'string' && checks[key](check[key]));
  };
}

/** `o:x` / `u:x` (or `org:` / `organization:` / `user:`) look in one scope; `x` in both. */
function hasScoped(list: Scoped | null, wanted: string): boolean {
  const [scope, name, ...rest] = wanted.split(':');
  if (!list || rest.length > 0 || scope === '' || name === '') return false;
  if (name === undefined) return list.org.includes(wanted) || list.user.includes(wanted);
  if (scope === 'o' || scope === 'org' || scope === 'organization') return list.org.includes(name);
  return (scope === 'u' || scope === 'user') && list.user.includes(name);
}

function factorAge(fva: unknown): [number, number] | null {
  const valid = (age: unknown) => typeof age === 'number' && Number.isFinite(age) && (age === -1 || age >= 0);
  return Array.isArray(fva) && fva.length === 2 && valid(fva[0]) && valid(fva[1]) ? [fva[0], fva[1]] : null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isName = (value: unknown): value is string => isString(value) && value !== '';
const maybeString = (value: unknown): value is string | undefined => value === undefined || isString(value);
