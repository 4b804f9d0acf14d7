import { describe, expect, it } from 'vitest';
import { placeFor } from '../../src/cli/directory.js';
import { colorEnabled } from '../../src/core/output.js';
import { tolerateClosedPipe } from '../../src/io/closed-pipe.js';
import { withoutControlCharacters } from '../../src/cli/questions.js';
import { EventEmitter } from 'node:events';

describe('placeFor', () => {
  it('a scoped name: the folder is the part after the slash, the package name the scoped name', () => {
    expect(placeFor('/w', '@acme/my_app')).toEqual({
      folder: 'my_app',
      target: '/w/my_app',
      impliedName: '@acme/my_app',
      scope: '@acme',
    });
    expect(placeFor('/w', '@acme/my_app/')).toMatchObject({ folder: 'my_app', impliedName: '@acme/my_app' });
  });

  it('anything else is a path; its last part is the name', () => {
    expect(placeFor('/w', 'apps/desk')).toEqual({ folder: 'apps/desk', target: '/w/apps/desk', impliedName: 'desk' });
    expect(placeFor('/w/My App', '.')).toEqual({ folder: '.', target: '/w/My App', impliedName: 'My App' });
  });
});

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [tty, {}, true],
    [pipe, {}, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '' }, true],
    [pipe, { FORCE_COLOR: '1' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    [tty, { TERM: 'dumb' }, false],
  ])('%j with %j → %s', (stream, env, expected) => {
    expect(colorEnabled(stream, env)).toBe(expected);
  });
});

describe('tolerateClosedPipe', () => {
  it('after EPIPE, writes are dropped instead of crashing the run', () => {
    const written: string[] = [];
    const stream = Object.assign(new EventEmitter(), { write: (text: string) => written.push(text) });
    const safe = tolerateClosedPipe(stream);
    safe.write('one\n');
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(safe.closed).toBe(true);
    expect(() => safe.write('two\n')).not.toThrow();
    expect(written).toEqual(['one\n']);
  });
});

describe('withoutControlCharacters (the directory answer)', () => {
  it('drops keys prompts takes as text, such as Ctrl+U, and trims', () => {
    expect(withoutControlCharacters('\u0015exist ')).toBe('exist');
    expect(withoutControlCharacters('my app')).toBe('my app');
  });
});
