import { randomUUID } from 'node:crypto';

/** INSERTs of `perUser` notes for each user, in statements of at most 500 rows (D1 limits a statement's size). */
export function seedNotesSql(users: readonly string[], perUser: number): string {
  const rows: string[] = [];
  const now = Date.now();
  for (const user of users) {
    for (let i = 0; i < perUser; i++) rows.push(`('${randomUUID()}', '${user}', 'note ${i} of ${user}', ${now - i})`);
  }
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    statements.push(`INSERT INTO notes (id, user_id, text, created_at) VALUES ${rows.slice(i, i + 500).join(', ')};`);
  }
  return statements.join('\n');
}
