import type { ProjectOptions } from '../options.js';
import { backendLayers } from './backends.js';
import { baseLayer } from './base.js';
import { rendererLayers } from './frameworks.js';
import { storageLayers } from './storages.js';
import type { Layer } from './types.js';

/** The layers of one project, in the order their files are applied. */
export function selectLayers(options: ProjectOptions): Layer[] {
  return [
    baseLayer(options),
    ...rendererLayers(options),
    ...backendLayers[options.backend](options),
    storageLayers[options.tokenStorage](options),
  ];
}

export type { Layer } from './types.js';
