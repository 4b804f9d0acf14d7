/**
 * The Frontend API's JSON resources, in the shape clerk-js 6.40's resource classes read
 * (`fromJSON` of Environment, Client, Session, User, EmailAddress, Token, Organization,
 * OrganizationMembership). Timestamps are epoch
 * milliseconds, as the Frontend API sends them. Only what a signed-in client needs is filled in;
 * clerk-js supplies its own defaults for the rest.
 */

export interface StandInUser {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** The organizations the user belongs to */
  memberships?: StandInMembership[];
}

export interface StandInOrganization {
  id: string;
  name: string;
  slug: string;
}

export interface StandInMembership {
  organization: StandInOrganization;
  /** e.g. `org:admin` */
  role: string;
  /** `org:<feature>:<permission>` names, e.g. `org:notes:write` */
  permissions: string[];
}

export interface StandInSession {
  id: string;
  user: StandInUser;
  /** `pending`: a session task (choosing an organization) is left */
  status: 'active' | 'pending' | 'ended' | 'removed';
  /** The active organization (`last_active_organization_id`), null for the personal account */
  activeOrgId: string | null;
  createdAt: number;
  /** The last session token minted for it (clerk-js starts from `last_active_token`) */
  lastToken: string | null;
}

export interface StandInClient {
  id: string;
  sessions: StandInSession[];
  createdAt: number;
}

export interface EnvironmentOptions {
  applicationName: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const off = {
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
};

/** A development instance with email + password sign-in and the Native API enabled (as @clerk/electron needs). */
export function environmentJson({ applicationName }: EnvironmentOptions) {
  return {
    object: 'environment',
    id: 'env_standin',
    auth_config: {
      object: 'auth_config',
      id: 'aac_standin',
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      session_minter: false,
      native_settings: { object: 'native_settings', api_enabled: true },
    },
    display_config: {
      object: 'display_config',
      id: 'display_config_standin',
      instance_environment_type: 'development',
      application_name: applicationName,
      branded: false,
      show_devmode_warning: false,
      preferred_sign_in_strategy: 'password',
      logo_image_url: '',
      favicon_image_url: '',
      home_url: 'https://standin.invalid',
      sign_in_url: 'https://accounts.standin.invalid/sign-in',
      sign_up_url: 'https://accounts.standin.invalid/sign-up',
      user_profile_url: 'https://accounts.standin.invalid/user',
      after_sign_in_url: 'https://standin.invalid',
      after_sign_up_url: 'https://standin.invalid',
      after_sign_out_one_url: 'https://accounts.standin.invalid/sign-in/choose',
      after_sign_out_all_url: 'https://accounts.standin.invalid/sign-in',
      after_switch_session_url: 'https://standin.invalid',
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_provider: null,
      captcha_oauth_bypass: [],
      captcha_heartbeat: false,
      support_email: null,
      terms_url: null,
      privacy_policy_url: null,
      google_one_tap_client_id: null,
      theme: {
        buttons: { font_color: '#ffffff', font_family: 'inherit', font_weight: '600' },
        general: {
          color: '#6c47ff',
          padding: '1em',
          box_shadow: 'none',
          font_color: '#151515',
          font_family: 'inherit',
          border_radius: '0.5em',
          background_color: '#ffffff',
          label_font_weight: '600',
        },
        accounts: { background_color: '#ffffff' },
      },
    },
    user_settings: {
      attributes: {
        email_address: {
          enabled: true,
          required: true,
          used_for_first_factor: true,
          first_factors: ['email_code'],
          used_for_second_factor: false,
          second_factors: [],
          verifications: ['email_code'],
          verify_at_sign_up: true,
        },
        password: {
          enabled: true,
          required: true,
          used_for_first_factor: false,
          first_factors: [],
          used_for_second_factor: false,
          second_factors: [],
          verifications: [],
          verify_at_sign_up: false,
        },
        phone_number: off,
        username: off,
        web3_wallet: off,
        first_name: { ...off, enabled: true },
        last_name: { ...off, enabled: true },
        authenticator_app: off,
        backup_code: off,
        passkey: off,
      },
      actions: { delete_self: false, create_organization: false },
      social: {},
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: {
        allowlist_only: false,
        captcha_enabled: false,
        legal_consent_enabled: false,
        mode: 'public',
        progressive: true,
        mfa: { required: false },
      },
      password_settings: { min_length: 8, max_length: 72, disable_hibp: true, show_zxcvbn: false, min_zxcvbn_strength: 0 },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
    },
    organization_settings: {
      enabled: true,
      max_allowed_memberships: 5,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
    },
    commerce_settings: {
      billing: {
        stripe_publishable_key: null,
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    maintenance_mode: false,
    client_debug_mode: false,
  };
}

function emailId(user: StandInUser): string {
  return `idn_${user.id}`;
}

export function userJson(user: StandInUser, createdAt: number) {
  return {
    object: 'user',
    id: user.id,
    external_id: null,
    username: null,
    first_name: user.firstName,
    last_name: user.lastName,
    // Clerk's UI draws initials when the user has no image of their own.
    image_url: `https://img.clerk.com/standin/${user.id}`,
    has_image: false,
    primary_email_address_id: emailId(user),
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: [
      {
        object: 'email_address',
        id: emailId(user),
        email_address: user.email,
        reserved: false,
        verification: {
          object: 'verification_email_code',
          status: 'verified',
          strategy: 'email_code',
          attempts: 1,
          expire_at: null,
        },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    enterprise_accounts: [],
    passkeys: [],
    saml_accounts: [],
    organization_memberships: (user.memberships ?? []).map((membership) => membershipJson(user, membership, createdAt)),
    public_metadata: {},
    unsafe_metadata: {},
    delete_self_enabled: false,
    create_organization_enabled: false,
    last_sign_in_at: createdAt,
    last_active_at: createdAt,
    legal_accepted_at: null,
    banned: false,
    locked: false,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export function sessionJson(session: StandInSession, nowMs: number) {
  const { user } = session;
  return {
    object: 'session',
    id: session.id,
    status: session.status,
    expire_at: session.createdAt + 7 * DAY_MS,
    abandon_at: session.createdAt + 30 * DAY_MS,
    last_active_at: nowMs,
    last_active_organization_id: session.activeOrgId,
    actor: null,
    tasks: session.status === 'pending' ? [{ key: 'choose-organization' }] : null,
    factor_verification_age: [0, -1],
    user: userJson(user, session.createdAt),
    public_user_data: {
      first_name: user.firstName,
      last_name: user.lastName,
      image_url: `https://img.clerk.com/standin/${user.id}`,
      has_image: false,
      identifier: user.email,
    },
    last_active_token: session.lastToken ? { object: 'token', jwt: session.lastToken } : null,
    created_at: session.createdAt,
    updated_at: nowMs,
  };
}

/** Whether a session is signed in (its tasks may be left), as clerk-js's `signedInSessions` counts. */
export const isSignedIn = (session: StandInSession) => session.status === 'active' || session.status === 'pending';

/** Ended and removed sessions are no longer listed, as on the Frontend API. */
export function clientJson(client: StandInClient, nowMs: number) {
  const sessions = client.sessions.filter(isSignedIn);
  return {
    object: 'client',
    id: client.id,
    sessions: sessions.map((session) => sessionJson(session, nowMs)),
    sign_in: null,
    sign_up: null,
    last_active_session_id: sessions.at(-1)?.id ?? null,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: nowMs,
  };
}

function organizationJson(organization: StandInOrganization, createdAt: number) {
  return {
    object: 'organization',
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    image_url: `https://img.clerk.com/standin/${organization.id}`,
    has_image: false,
    members_count: 1,
    pending_invitations_count: 0,
    max_allowed_memberships: 5,
    admin_delete_enabled: false,
    public_metadata: {},
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export function membershipJson(user: StandInUser, membership: StandInMembership, createdAt: number) {
  return {
    object: 'organization_membership',
    id: `orgmem_${membership.organization.id}_${user.id}`,
    organization: organizationJson(membership.organization, createdAt),
    role: membership.role,
    role_name: membership.role.replace(/^org:/, ''),
    permissions: membership.permissions,
    public_metadata: {},
    public_user_data: {
      user_id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      image_url: `https://img.clerk.com/standin/${user.id}`,
      has_image: false,
      identifier: user.email,
    },
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** A page of a paginated list, as the Frontend API sends `?paginated=true` answers. */
export function paginated(items: unknown[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 10);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  return { data: items.slice(offset, offset + limit), total_count: items.length };
}
