/**
 * Prints the bin folder of a Node >= 22.12, installing it from the npm registry into the user cache
 * when needed. Used by .ci/run:  PATH="$(npx tsx scripts/node22.ts):$PATH"
 */
import { ensureNode22 } from './lib/node22.js';

const node = ensureNode22();
console.error(`node ${node.version} (${node.source})`);
console.log(node.binDir);
