import { describe, expect, it } from 'vitest';

import { screenFor } from '../../src/renderer/src/app';

type ClerkState = Parameters<typeof screenFor>[0];

function state(status: ClerkState['status'], sessionId?: string): ClerkState {
  return {
    status,
    isSignedIn: sessionId !== undefined,
    session: (sessionId === undefined ? null : { id: sessionId }) as ClerkState['session'],
  };
}

describe('what the content area shows', () => {
  it('waits for Clerk, then asks to sign in', () => {
    expect(screenFor(state('loading'))).toEqual({ kind: 'loading' });
    expect(screenFor(state('ready'))).toEqual({ kind: 'sign-in' });
  });

  it('shows the signed-in view per session, so a new session starts from fresh data', () => {
    expect(screenFor(state('ready', 'sess_1'))).toEqual({ kind: 'home', sessionId: 'sess_1' });
    expect(screenFor(state('degraded', 'sess_2'))).toEqual({ kind: 'home', sessionId: 'sess_2' });
  });

  it('explains when Clerk could not load', () => {
    expect(screenFor(state('error'))).toEqual({ kind: 'failed' });
    expect(screenFor(state('loading'), true)).toEqual({ kind: 'failed' });
  });
});
