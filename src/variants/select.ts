import { baseLayer } from '../layers/base.js';
import type { Layer, LayerOptions } from '../layers/types.js';
import type { VariantRegistry } from './types.js';

/** The chosen variants' ids; ProjectOptions satisfies this. */
export interface VariantChoice extends LayerOptions {
  readonly framework: string;
  readonly backend: string;
  readonly tokenStorage: string;
}

function find<V extends { id: string }>(variants: readonly V[], id: string, what: string): V {
  const variant = variants.find((candidate) => candidate.id === id);
  if (!variant) throw new Error(`Unknown ${what} "${id}" (known: ${variants.map((v) => v.id).join(', ')})`);
  return variant;
}

/** The layers of one project, in the order their files are applied. */
export function selectLayers(options: VariantChoice, registry: VariantRegistry): Layer[] {
  const framework = find(registry.frameworks, options.framework, 'framework');
  const backend = find(registry.backends, options.backend, 'backend');
  const storage = find(registry.tokenStorages, options.tokenStorage, 'token storage');
  return [
    baseLayer(options),
    ...framework.layers(options),
    ...backend.layers(options, framework.backendUi(options)),
    storage.layer(options),
  ];
}
