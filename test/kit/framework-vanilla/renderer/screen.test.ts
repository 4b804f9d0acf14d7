import { describe, expect, it } from 'vitest';

import { screenFor } from '../../src/renderer/src/app';

type ClerkState = NonNullable<Parameters<typeof screenFor>[0]>;

function state(status: ClerkState['status'], sessionId?: string, orgId?: string, sessionStatus = 'active'): ClerkState {
  return {
    status,
    isSignedIn: sessionId !== undefined && sessionStatus === 'active',
    session: (sessionId === undefined ? null : { id: sessionId, status: sessionStatus }) as ClerkState['session'],
    organization: (orgId === undefined ? null : { id: orgId }) as ClerkState['organization'],
  };
}

describe('what the content area shows', () => {
  it("waits for Clerk's code and for Clerk, then asks to sign in", () => {
    expect(screenFor(undefined)).toEqual({ kind: 'loading' });
    expect(screenFor(state('loading'))).toEqual({ kind: 'loading' });
    expect(screenFor(state('ready'))).toEqual({ kind: 'sign-in' });
  });

  it("shows the route's screen per session and organization, so either starts from fresh data", () => {
    expect(screenFor(state('ready', 'sess_1'))).toEqual({ kind: 'signed-in', sessionId: 'sess_1', orgId: null });
    expect(screenFor(state('degraded', 'sess_2', 'org_a'))).toEqual({ kind: 'signed-in', sessionId: 'sess_2', orgId: 'org_a' });
  });

  it('leads a session with a task left (choose an organization) to the task, not to the sign-in', () => {
    expect(screenFor(state('ready', 'sess_1', undefined, 'pending'))).toEqual({ kind: 'session-task' });
  });

  it('explains when Clerk could not load', () => {
    expect(screenFor(state('error'))).toEqual({ kind: 'failed' });
    expect(screenFor(state('loading'), true)).toEqual({ kind: 'failed' });
    expect(screenFor(undefined, true)).toEqual({ kind: 'failed' });
  });
});
