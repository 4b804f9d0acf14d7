// `npm run setup [--dry-run] [--production]`: sets up your Clerk instance for this app through Clerk's Backend API,
// then writes its keys into the env files. The secret key (CLERK_SECRET_KEY, or asked) is never written. Safe to rerun.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as lib from './lib.mjs';

const { read } = lib.filesUnder(lib.ROOT);
if (!lib.canParseDotenv) {
  console.error(`setup: Node ${process.versions.node} cannot read .env files; use Node >= ${lib.MIN_NODE.join('.')}.`);
  process.exit(1);
}
const dryRun = process.argv.includes('--dry-run');
const PACKAGED_ORIGIN = 'snapshot-app://renderer';
const REDIRECT_URL = `${PACKAGED_ORIGIN}/`;

/** Reads a line from the terminal without echoing it. */
async function askHidden(question) {
  if (!process.stdin.isTTY) return '';
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  let answer = '';
  reading: for await (const chunk of process.stdin) {
    for (const char of chunk.toString('utf8')) {
      if (char === '\u0003') process.exit(130);
      if (char === '\r' || char === '\n') break reading;
      answer = char === '\u007f' || char === '\b' ? answer.slice(0, -1) : answer + char;
    }
  }
  process.stdout.write('\n');
  return answer.trim();
}

function refuse(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

const secretKey = process.env.CLERK_SECRET_KEY || (await askHidden('Clerk secret key (dashboard → API keys; never stored): '));
if (!secretKey) refuse('no secret key: set CLERK_SECRET_KEY for this command, or run it in a terminal to be asked');
const { environment, refusal } = lib.instanceOfSecretKey(secretKey, { production: process.argv.includes('--production') });
if (refusal) refuse(refusal);
// A production instance serves only the packaged app; development adds the dev server.
const origins = environment === 'production' ? [PACKAGED_ORIGIN] : [PACKAGED_ORIGIN, 'http://localhost:5173'];

const api = lib.clerkBackendApi({ apiUrl: process.env.CLERK_API_URL || 'https://api.clerk.com', secretKey, fetch });
try {
  const calls = [api.instance(), api.domains(), api.redirectUrls(), api.jwks()];
  const [instance, domains, redirectUrls, jwks] = await Promise.all(calls);
  const publishableKey = lib.publishableKeyOf(domains, environment);
  const host = lib.frontendApiOf(publishableKey);
  const note = dryRun ? ': dry run, nothing changes' : '';
  console.log(`Clerk ${instance.environment_type} instance ${instance.id} (${host})${note}`);
  const missing = lib.missingSettings({ instance, redirectUrls, origins, redirectUrl: REDIRECT_URL });
  console.log(`  allowed origins: ${missing.allowedOrigins ? `add ${missing.addOrigins.join(', ')}` : 'already set'}`);
  if (missing.allowedOrigins && !dryRun) await api.setAllowedOrigins(missing.allowedOrigins);
  console.log(`  redirect URL (OAuth): ${missing.redirectUrl ? `add ${missing.redirectUrl}` : 'already set'}`);
  if (missing.redirectUrl && !dryRun) await api.addRedirectUrl(missing.redirectUrl);
  if (!dryRun) {
    const now = { instance: await api.instance(), redirectUrls: await api.redirectUrls(), origins, redirectUrl: REDIRECT_URL };
    const after = lib.missingSettings(now);
    if (after.allowedOrigins || after.redirectUrl)
      refuse('Clerk did not keep the settings above: run it again, or add them in the dashboard');
  }

  const jwtKey = lib.jwtKeyOf(jwks);
  const files = [['.env', '.env.example', { VITE_CLERK_PUBLISHABLE_KEY: publishableKey, CLERK_JWT_KEY: jwtKey }]];
  for (const [file, example, values] of files) {
    const { text, written, kept } = lib.mergeEnv(read(file) ?? read(example) ?? '', values);
    if (written.length && !dryRun) writeFileSync(resolve(lib.ROOT, file), text);
    console.log(`  ${file}: ${written.length ? `${dryRun ? 'would write' : 'wrote'} ${written.join(', ')}` : 'up to date'}`);
    for (const name of kept) console.log(`    kept your ${name}; it differs from this instance's (remove it and run again)`);
  }
} catch (error) {
  if (error instanceof lib.ClerkApiError) refuse(error.message);
  throw error;
}
console.log(`\nOnly the dashboard can enable the Native API that @clerk/electron needs: ${lib.NATIVE_API_PAGE}`);
console.log('Then: npm run doctor (it checks that too)');
