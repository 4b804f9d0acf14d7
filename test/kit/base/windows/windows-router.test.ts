import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';

import { router } from '../../src/kit/main/trpc/init';
import { MAX_OPEN_WINDOWS, setWindowOpener, windowsRouter } from '../../src/kit/main/window-routes';
import { createHarness } from '../helpers/harness';

afterEach(() => setWindowOpener(null));

describe('windows.open over IPC', () => {
  it('asks main for a second window at a route and answers with its id', async () => {
    const opened: string[] = [];
    setWindowOpener((route) => (opened.push(route), { webContents: { id: 42 } }));
    const harness = await createHarness({ router: router({ windows: windowsRouter }) });
    const { client } = harness.openWindow();
    expect(await client.windows.open.mutate({ route: '/notes' })).toEqual({ windowId: 42 });
    expect(await client.windows.open.mutate(undefined as never)).toEqual({ windowId: 42 });
    expect(opened).toEqual(['/notes', '/']);
    const error = await client.windows.open.mutate({ route: 'https://evil.example' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<any>).data?.code).toBe('BAD_REQUEST');
    expect(opened).toHaveLength(2);
  });

  it(`refuses past ${MAX_OPEN_WINDOWS} open windows, and opens again once one closes`, async () => {
    let open = 0;
    setWindowOpener(
      () => ({ webContents: { id: ++open } }),
      () => open,
    );
    const harness = await createHarness({ router: router({ windows: windowsRouter }) });
    const { client } = harness.openWindow();
    for (let i = 0; i < MAX_OPEN_WINDOWS; i++) await client.windows.open.mutate({ route: '/' });
    const error = await client.windows.open.mutate({ route: '/' }).catch((e: unknown) => e);
    expect((error as TRPCClientError<any>).data?.code).toBe('TOO_MANY_REQUESTS');
    expect(open).toBe(MAX_OPEN_WINDOWS);
    open--;
    expect(await client.windows.open.mutate({ route: '/' })).toEqual({ windowId: MAX_OPEN_WINDOWS });
  });
});
