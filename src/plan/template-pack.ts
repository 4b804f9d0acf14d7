/**
 * Every template folder in one file, so the published CLI reads its templates with one read
 * instead of a directory walk and a hundred small reads, and ships one file instead of ~150.
 *
 * Layout: a 4-byte little-endian header length, the header as UTF-8 JSON
 * (`{ [templateDir]: [path, offset, length][] }`, offsets into the data), then the data.
 * A length of -1 marks a template whose source is not carried because the bundle has it
 * precompiled (see render.ts).
 */
import type { ReadLayer, TemplateFile } from './planner.js';

type PackHeader = Record<string, [path: string, offset: number, length: number][]>;

const OMITTED = -1;

export interface PackInput {
  /** templateDir → its files, as readLayersFrom() returns them */
  layers: ReadonlyMap<string, readonly TemplateFile[]>;
  /** Files whose contents stay out of the pack (templates the bundle carries precompiled) */
  omitContents?: (templateDir: string, path: string) => boolean;
}

export function encodeTemplatePack({ layers, omitContents = () => false }: PackInput): Buffer {
  const header: PackHeader = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [templateDir, files] of layers) {
    header[templateDir] = files.map(({ path, contents }) => {
      if (omitContents(templateDir, path)) return [path, 0, OMITTED];
      chunks.push(contents);
      offset += contents.length;
      return [path, offset - contents.length, contents.length];
    });
  }
  const headerBytes = Buffer.from(JSON.stringify(header));
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerBytes.length);
  return Buffer.concat([headerLength, headerBytes, ...chunks]);
}

/** The installed CLI is broken, not the user's input: said plainly, with the fix. */
export class CorruptTemplatePackError extends Error {
  constructor(detail: string) {
    super(`the CLI's template pack (dist/templates.pack) is unusable: ${detail}. Reinstall create-electron-clerk-trpc (in a checkout: npm run build)`);
  }
}

/** A ReadLayer over a pack; files come back as views into `pack` (no copies). Unknown folders are empty. */
export function readLayersFromPack(pack: Buffer): ReadLayer {
  if (pack.length < 4) throw new CorruptTemplatePackError('too short');
  const headerEnd = 4 + pack.readUInt32LE(0);
  if (headerEnd > pack.length) throw new CorruptTemplatePackError('header runs past the end');
  let header: PackHeader;
  try {
    header = JSON.parse(pack.toString('utf8', 4, headerEnd)) as PackHeader;
  } catch {
    throw new CorruptTemplatePackError('unreadable header');
  }
  const data = pack.subarray(headerEnd);
  return (templateDir) =>
    (Object.hasOwn(header, templateDir) ? header[templateDir]! : []).map(([path, offset, length]) => {
      if (length === OMITTED) return { path, contents: Buffer.alloc(0), precompiled: true };
      if (offset + length > data.length) throw new CorruptTemplatePackError(`${templateDir}/${path} runs past the end`);
      return { path, contents: data.subarray(offset, offset + length) };
    });
}
