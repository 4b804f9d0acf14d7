// Loaded with `node --require` into every timed command: writes the process's own CPU time
// (user + system, ms) to $BENCH_CPU_FILE when it exits. CPU time is much less disturbed than wall
// time when other work shares the machine.
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1000));
  });
}
