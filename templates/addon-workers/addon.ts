import { defineAddon } from '../../src/addons/types.js';

/** Long-running work in an Electron utilityProcess, run with the caller's identity (src/kit/main/workers/). */
export default defineAddon({
  id: 'workers',
  label: 'Utility-process workers',
  hint: "long-running work off main's thread, with the caller's identity and fresh tokens",
  layer: () => ({
    templateDir: 'addon-workers',
    slots: { readmeLayout: "src/kit/main/workers/      utilityProcess work with the caller's identity" },
  }),
});
