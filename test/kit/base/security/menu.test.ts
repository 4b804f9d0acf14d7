import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';

import { applicationMenuTemplate } from '../../src/kit/main/windows';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const onNewWindow = () => {};
const DEVTOOLS_ROLES = ['toggleDevTools', 'reload', 'forceReload'];

describe('applicationMenuTemplate', () => {
  it.each([true, false])('has no DevTools or reload items without DevTools (macOS: %s)', (isMac) => {
    const found = roles(applicationMenuTemplate({ isMac, devTools: false, onNewWindow }));
    for (const role of DEVTOOLS_ROLES) expect(found).not.toContain(role);
    expect(found).toContain('editMenu');
  });

  it('has them in development', () => {
    expect(roles(applicationMenuTemplate({ isMac: false, devTools: true, onNewWindow }))).toEqual(expect.arrayContaining(DEVTOOLS_ROLES));
  });

  it("keeps macOS's app menu on macOS only", () => {
    expect(roles(applicationMenuTemplate({ isMac: true, devTools: false, onNewWindow }))).toContain('appMenu');
    expect(roles(applicationMenuTemplate({ isMac: false, devTools: false, onNewWindow }))).not.toContain('appMenu');
  });
});
