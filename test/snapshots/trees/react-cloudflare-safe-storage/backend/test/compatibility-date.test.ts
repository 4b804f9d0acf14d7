import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

// workerd falls back silently to its own latest date when wrangler.jsonc asks for a newer one;
// this keeps the declared date honest when wrangler (and with it workerd) is updated or pinned.
it('uses a compatibility_date the installed workerd supports', () => {
  const wrangler = readFileSync(new URL('../wrangler.jsonc', import.meta.url), 'utf8');
  const declared = /"compatibility_date":\s*"(\d{4}-\d{2}-\d{2})"/.exec(wrangler)?.[1];
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve('wrangler'));
  const fromMiniflare = createRequire(fromWrangler.resolve('miniflare'));
  const { compatibilityDate: supported } = fromMiniflare('workerd') as { compatibilityDate: string };
  expect(declared).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(declared! <= supported).toBe(true);
});
