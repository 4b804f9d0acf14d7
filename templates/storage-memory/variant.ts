import { defineTokenStorage } from '../../src/variants/types.js';

/** Not persisted: users sign in at every launch. README bullet: slots/readmeTokenStorage.hbs. */
export default defineTokenStorage({
  id: 'memory',
  label: 'memory',
  hint: 'not persisted: sign in at every launch',
  layer: () => ({ templateDir: 'storage-memory' }),
});
