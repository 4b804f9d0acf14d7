/** The Node.js the generated app's tooling (electron-vite, Vite, wrangler) needs, and the check. */
export const APP_NODE = { major: 22, minor: 12 } as const;

/** `>=22.12`: the generated package.json's `engines.node`. */
export const APP_NODE_RANGE = `>=${APP_NODE.major}.${APP_NODE.minor}`;

/** "20.19.0" or "v20.19.0" older than the app's Node? */
export function isOlderThanAppNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major < APP_NODE.major || (major === APP_NODE.major && minor < APP_NODE.minor);
}
