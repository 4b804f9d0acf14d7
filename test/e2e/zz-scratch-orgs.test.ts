import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BackendProcess, freePort, writeBackendDevConfig } from '../../scripts/lib/backend-server.js';
import { PLACEHOLDER_PUBLISHABLE_KEY, routeUrl } from './checks/renderer.js';
import { dotenvLine } from './checks/session-tokens.js';
import {
  ACME, addNoteThroughUi, CAROL, clerkSessionToken, CLERK_SELECTORS, GLOBEX, replyErrorCode, replyJson,
  screenshotSignedIn, SignedInHarness, summarizeRequests, switchOrganizationThroughSwitcher, waitForScreen, waitForSignedIn,
} from './checks/signed-in.js';

const APP = process.env.SCRATCH_APP ?? '/tmp/orgs-ui-rn';
const hasBackend = process.env.SCRATCH_BACKEND !== 'none';
let harness: SignedInHarness;
let backend: BackendProcess | undefined;
const h = () => harness;
const mintFor = (token: string | null) => h().standIn.minted.find((minted) => minted.token === token);

beforeAll(async () => {
  harness = await SignedInHarness.open({
    appDir: APP,
    rendererDir: join(APP, 'out-keyed', 'renderer'),
    publishableKey: PLACEHOLDER_PUBLISHABLE_KEY,
    appInfo: { name: 'x', version: '1' },
    workDir: '/tmp/orgs-ui-scratch',
    tag: 'scratch',
    startBackend: hasBackend
      ? async ({ origin, jwtKeyPem }) => {
          writeBackendDevConfig(APP, 'node', [dotenvLine('CLERK_JWT_KEY', jwtKeyPem), `CLERK_AUTHORIZED_PARTIES=${origin}`]);
          backend = BackendProcess.start(['npm', ['run', 'dev:backend']], { cwd: APP, env: { ...process.env, PATH: process.env.NODE22_PATH + ':' + process.env.PATH }, port: await freePort(), logFile: '/tmp/orgs-ui-scratch/backend.log' });
          await backend.waitForHealth(180_000);
          return backend.url;
        }
      : undefined,
  });
}, 300_000);
afterAll(async () => {
  console.log(summarizeRequests(h().standIn.requests));
  console.log('unhandled', h().standIn.unhandled);
  await harness?.close();
  await backend?.stop();
});

test('orgs', { timeout: 180_000 }, async () => {
  const alice = await h().openWindow({ id: 'user_alice', firstName: 'Alice', lastName: 'E', email: 'a@example.com' });
  await waitForSignedIn(alice, { backend: hasBackend });
  expect(await alice.page.locator(CLERK_SELECTORS.organizationSwitcher).count()).toBe(0);
  const carol = await h().openWindow(CAROL, undefined, { activeOrgId: ACME.organization.id });
  try {
    await waitForSignedIn(carol, { backend: hasBackend });
    const switcher = carol.page.locator(CLERK_SELECTORS.organizationSwitcher);
    console.log('switcher', await switcher.innerText());
    expect(mintFor(h().tokens.get(carol.windowId))?.orgId).toBe(ACME.organization.id);
    const noteOfAcme = 'Acme’s note: only Acme sees this';
    if (hasBackend) await addNoteThroughUi(carol, noteOfAcme);
    const from = carol.calls.length;
    await switchOrganizationThroughSwitcher(carol, 'Globex');
    expect(h().standIn.session(carol.sessionId)?.activeOrgId).toBe(GLOBEX.organization.id);
    const globexToken = await clerkSessionToken(carol);
    expect(mintFor(globexToken)).toMatchObject({ sub: CAROL.id, orgId: GLOBEX.organization.id });
    if (hasBackend) {
      await expect.poll(() => carol.calls.slice(from).some((c) => c.path === 'remote.notes.list' && mintFor(c.token)?.orgId === GLOBEX.organization.id), { timeout: 15_000 }).toBe(true);
      await carol.page.locator('[data-screen="notes"] ul').waitFor({ state: 'attached', timeout: 15_000 });
      expect(await carol.page.innerText('body')).not.toContain(noteOfAcme);
      expect(JSON.stringify(replyJson(await carol.send('query', 'remote.notes.list', globexToken)))).not.toContain(noteOfAcme);
      const refused = await carol.send('mutation', 'remote.notes.add', globexToken, { text: 'Not allowed' });
      console.log('refused', JSON.stringify(refused));
      expect(replyErrorCode(refused)).toBe('FORBIDDEN');
      const message = refused.error?.json?.message ?? '';
      await carol.page.getByPlaceholder('A note').fill('Not allowed');
      await carol.page.getByRole('button', { name: 'Add' }).click();
      await carol.page.getByText(message).waitFor({ timeout: 15_000 });
      await switchOrganizationThroughSwitcher(carol, 'Acme');
      await carol.page.getByText(noteOfAcme).first().waitFor({ timeout: 15_000 });
    }
    await switcher.click();
    await carol.page.locator(CLERK_SELECTORS.organizationChoice).first().waitFor({ state: 'visible' });
    await screenshotSignedIn(carol, '/tmp/orgs-ui-scratch/switcher.png');
    console.log('errors', carol.pageErrors, carol.consoleErrors, h().handlerErrors);
  } finally {
    await carol.page.screenshot({ path: '/tmp/orgs-ui-scratch/last.png' });
  }
});

test('pending', { timeout: 180_000 }, async () => {
  const carol = await h().openWindow(CAROL, routeUrl(h().origin, '/notes'), { pending: true });
  try {
    await waitForScreen(carol.page, 'session-task');
    await carol.page.locator(CLERK_SELECTORS.taskChoice).filter({ hasText: 'Globex' }).click();
    await waitForScreen(carol.page, 'notes');
    expect(h().standIn.session(carol.sessionId)).toMatchObject({ status: 'active', activeOrgId: GLOBEX.organization.id });
    expect(await carol.page.locator(CLERK_SELECTORS.organizationSwitcher).innerText()).toContain('Globex');
    expect(mintFor(await clerkSessionToken(carol))).toMatchObject({ sub: CAROL.id, orgId: GLOBEX.organization.id });
    console.log('errors', carol.pageErrors, carol.consoleErrors);
  } finally {
    await carol.page.screenshot({ path: '/tmp/orgs-ui-scratch/pending.png' });
  }
});
