import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One stored token: its ciphertext (base64) and what protected it when it was written. */
export interface StoredToken {
  protection: 'os' | 'basic_text';
  data: string;
}

export interface TokenFileContents {
  tokens: Record<string, StoredToken>;
  /** The file existed but (part of) it could not be understood; the readable tokens are kept. */
  corrupt: boolean;
}

export interface TokenFile {
  read(): Promise<TokenFileContents>;
  /** Replaces the file atomically (owner-only permissions); no tokens deletes it. */
  write(tokens: Record<string, StoredToken>): Promise<void>;
}

const FORMAT_VERSION = 1;

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false;
  const { protection, data } = value as Record<string, unknown>;
  return (protection === 'os' || protection === 'basic_text') && typeof data === 'string' && data.length > 0;
}

/** Parses the file's text, keeping every well-formed token and flagging anything else. */
export function parseTokenFile(text: string): TokenFileContents {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { tokens: {}, corrupt: true };
  }
  const { version, tokens } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (version !== FORMAT_VERSION || typeof tokens !== 'object' || tokens === null || Array.isArray(tokens)) {
    return { tokens: {}, corrupt: true };
  }
  const valid = Object.entries(tokens).filter(([, token]) => isStoredToken(token));
  return {
    tokens: Object.fromEntries(valid) as Record<string, StoredToken>,
    corrupt: valid.length !== Object.keys(tokens).length,
  };
}

export function serializeTokenFile(tokens: Record<string, StoredToken>): string {
  return `${JSON.stringify({ version: FORMAT_VERSION, tokens }, null, 2)}\n`;
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Writes a temporary file next to the target, flushes it, then renames it over the target. */
async function writeAtomically(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** The token file at a path resolved on first use. */
export function createTokenFile(resolvePath: () => string): TokenFile {
  let path: string | undefined;
  const filePath = () => (path ??= resolvePath());

  return {
    async read() {
      let text: string;
      try {
        text = await readFile(filePath(), 'utf8');
      } catch (error) {
        if (isMissingFile(error)) return { tokens: {}, corrupt: false };
        throw error;
      }
      return parseTokenFile(text);
    },
    async write(tokens) {
      if (Object.keys(tokens).length === 0) {
        await unlink(filePath()).catch((error: unknown) => {
          if (!isMissingFile(error)) throw error;
        });
        return;
      }
      await writeAtomically(filePath(), serializeTokenFile(tokens));
    },
  };
}
