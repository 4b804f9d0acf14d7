/**
 * package.json merged key by key: what we changed since the base (dependency versions, scripts,
 * fields) comes in, what the owner changed or added stays. Where both changed one key differently,
 * the owner's value is kept and the key listed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface PackageJsonMerge {
  text: string;
  /** Dotted keys both sides changed differently; the owner's value was kept */
  kept: string[];
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

function mergeObjects(base: JsonObject, ours: JsonObject, theirs: JsonObject, at: string, kept: string[]): JsonObject {
  const result: JsonObject = {};
  // The owner's order first, then keys new in ours-today in their order.
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])];
  for (const key of keys) {
    const [b, o, t] = [base[key], ours[key], theirs[key]];
    let value: Json | undefined;
    if (same(o, b)) value = t;
    else if (same(t, b) || same(o, t)) value = o;
    else if (isObject(b) && isObject(o) && isObject(t)) value = mergeObjects(b, o, t, `${at}${key}.`, kept);
    else if (b === undefined && isObject(o) && isObject(t)) value = mergeObjects({}, o, t, `${at}${key}.`, kept);
    else {
      value = o;
      kept.push(`${at}${key}`);
    }
    if (value !== undefined) result[key] = value;
  }
  // Dependency lists stay sorted, as npm keeps them, so a dependency we add lands in its place.
  return at.endsWith('ependencies.') ? Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : 1))) : result;
}

export function mergePackageJson(base: string, ours: string, theirs: string): PackageJsonMerge {
  const kept: string[] = [];
  const parse = (text: string) => JSON.parse(text) as JsonObject;
  const merged = mergeObjects(parse(base), parse(ours), parse(theirs), '', kept);
  return { text: `${JSON.stringify(merged, null, 2)}\n`, kept };
}
