/** A spinner with elapsed time on a terminal; plain start/end lines otherwise (CI logs, pipes). */
import type { Output } from '../core/output.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  /** Ends the spinner with a line, or with nothing (the caller says what happened) */
  stop(finalLine?: string): void;
}

export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
}

export function startProgress(output: Output, label: string, now: () => number = Date.now): Progress {
  const started = now();
  if (!output.isTTY) {
    output.log(`${label}…`);
    return {
      stop: (finalLine) => {
        if (finalLine !== undefined) output.log(`${finalLine} (${formatElapsed(now() - started)})`);
      },
    };
  }
  let frame = 0;
  const draw = () => {
    const elapsed = formatElapsed(now() - started);
    output.write(`\r\x1b[2K${output.colors.cyan(FRAMES[frame++ % FRAMES.length]!)} ${label} ${output.colors.dim(elapsed)}`);
  };
  output.write('\x1b[?25l');
  draw();
  const timer = setInterval(draw, 100);
  return {
    stop(finalLine) {
      clearInterval(timer);
      if (finalLine === undefined) output.write('\r\x1b[2K\x1b[?25h');
      else output.write(`\r\x1b[2K\x1b[?25h${finalLine} ${output.colors.dim(`(${formatElapsed(now() - started)})`)}\n`);
    },
  };
}
