import { parsePublishableKey } from '../../../shared/publishable-key';

/** Why the app cannot start Clerk, or null when the key is usable. */
export type KeyProblem = 'missing' | 'malformed';

/** The publishable key baked in at build time (`.env`), trimmed; '' when not set. */
export function configuredPublishableKey(env: { VITE_CLERK_PUBLISHABLE_KEY?: string } = import.meta.env): string {
  return env.VITE_CLERK_PUBLISHABLE_KEY?.trim() ?? '';
}

export function publishableKeyProblem(key: string): KeyProblem | null {
  if (!key) return 'missing';
  return parsePublishableKey(key) ? null : 'malformed';
}
