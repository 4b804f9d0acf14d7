import { defineBackend } from '../../src/variants/types.js';

/** No remote API: only the main process answers. Adds no layer (this folder has no templates). */
export default defineBackend({
  id: 'none',
  label: 'None',
  hint: 'no remote API: only the main process answers',
  layers: () => [],
});
