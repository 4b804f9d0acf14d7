import type { KeychainEntry, OpenKeychainEntry } from '../../src/main/storage/keychain-token-storage';

/**
 * A stand-in for the OS credential store, shared by every "launch" of a test like the real one.
 * `locked` makes every operation fail; `unreadable` makes reading one account fail while the store works.
 */
export function createFakeKeychain() {
  const state = {
    credentials: new Map<string, string>(),
    locked: false,
    unreadable: new Set<string>(),
    rejectWrites: false,
    opened: 0,
    reads: 0,
  };
  const id = (service: string, account: string) => `${service}/${account}`;

  const open: OpenKeychainEntry = (service, account): KeychainEntry => {
    const assertUnlocked = () => {
      if (state.locked) throw new Error('Platform secure storage failure: the keychain is locked');
    };
    return {
      async getPassword() {
        state.reads += 1;
        assertUnlocked();
        if (state.unreadable.has(id(service, account))) throw new Error('Credential is not valid UTF-8');
        return state.credentials.get(id(service, account)) ?? null;
      },
      async setPassword(password) {
        assertUnlocked();
        if (state.rejectWrites) throw new Error('Attribute too long for platform: password');
        state.credentials.set(id(service, account), password);
        state.unreadable.delete(id(service, account));
      },
      async deletePassword() {
        assertUnlocked();
        state.unreadable.delete(id(service, account));
        return state.credentials.delete(id(service, account));
      },
    };
  };

  const openKeychain = async () => {
    state.opened += 1;
    return open;
  };

  return { state, openKeychain };
}
