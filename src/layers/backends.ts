import type { Backend } from '../options.js';
import type { Layer, LayerFactory } from './types.js';

/** The remote API and main's client for it. `none` adds nothing at all. */
export const backendLayers: Record<Backend, LayerFactory | undefined> = {
  cloudflare: () => ({
    templateDir: 'backend-cloudflare',
  }),
  node: () => ({
    templateDir: 'backend-node',
  }),
  none: undefined,
};

export type { Layer };
