/**
 * `wrangler dev` on 127.0.0.1 and on PORT (default 8787): wrangler does not read PORT itself, and
 * a script line with ${PORT} would not work in Windows' cmd. Extra arguments are passed on.
 */
import { spawn } from 'node:child_process';

const port = process.env.PORT || '8787';
const child = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', port, ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});

// Ctrl+C in a terminal reaches wrangler directly; a signal sent to this process only is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
