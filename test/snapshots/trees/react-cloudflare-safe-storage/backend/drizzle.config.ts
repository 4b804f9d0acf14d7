import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes the migration from src/db/schema.ts's changes into drizzle/ (commit it).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
