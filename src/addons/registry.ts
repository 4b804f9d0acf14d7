/**
 * The built-in add-ons, in the order the question lists them. Adding one: a module at
 * templates/addon-<id>/addon.ts, listed here.
 */
import offline from '../../templates/addon-offline/addon.js';
import workers from '../../templates/addon-workers/addon.js';
import type { AddonModule } from './types.js';

export const ADDONS = [offline, workers] as const satisfies readonly AddonModule[];

export type BuiltInAddon = (typeof ADDONS)[number]['id'];
