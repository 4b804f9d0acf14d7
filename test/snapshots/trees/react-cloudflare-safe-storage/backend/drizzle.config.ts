import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` (in backend/) compares src/db/schema.ts with the migrations in drizzle/
// and writes the next one there. Commit them: dev:backend, deploy and the Node server apply them.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
