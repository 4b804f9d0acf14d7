import { describe, expect, it } from 'vitest';
import { displayPath, nextSteps } from '../../src/cli/next-steps.js';
import type { ProjectOptions } from '../../src/options.js';

const plain = { bold: (s: string) => s, dim: (s: string) => s } as unknown as Parameters<typeof nextSteps>[1];
const options: ProjectOptions = {
  projectName: 'my-app',
  framework: 'react',
  backend: 'node',
  tokenStorage: 'memory',
  packageManager: 'pnpm',
  scheme: 'my-app',
};

describe('displayPath', () => {
  it('is relative below cwd, absolute above it, and . for cwd itself', () => {
    expect(displayPath('/home/me', '/home/me/apps/my-app')).toBe('apps/my-app');
    expect(displayPath('/home/me/work', '/tmp/my-app')).toBe('/tmp/my-app');
    expect(displayPath('/home/me', '/home/me')).toBe('.');
  });
});

describe('nextSteps', () => {
  it("uses the chosen package manager's commands and quotes paths with spaces", () => {
    const lines = nextSteps({ options, cwd: '/home/me', target: '/home/me/My Apps/my-app', installed: false }, plain);
    expect(lines).toContain("  cd 'My Apps/my-app'");
    expect(lines).toContain('  pnpm install');
    expect(lines).toContain('  pnpm dev');
    expect(lines.join('\n')).toContain('my-app://renderer');
  });
});
