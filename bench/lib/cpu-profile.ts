import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile (as written by `node --cpu-prof`) that we read. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** µs covered by the profile (from when the profiler started, after Node's own bootstrap) */
  totalUs: number;
  /** self time by where the code lives, biggest first */
  byArea: { area: string; us: number }[];
  /** self time by function, biggest first */
  topFunctions: { name: string; us: number }[];
  /** inclusive time (self + callees) of the phases named in PHASES that the profile contains */
  phases: { phase: string; us: number }[];
}

/** Frames whose inclusive time tells where a scaffold goes (names survive in an unminified bundle). */
export const PHASES: readonly { phase: string; functionName: string; ours: boolean }[] = [
  { phase: 'reading + compiling the ES modules (Node loader)', functionName: 'loadAndTranslate', ours: false },
  { phase: 'reading the template pack', functionName: 'readTemplates', ours: true },
  { phase: 'planning (render, manifest)', functionName: 'planProject', ours: true },
  { phase: '  of which handlebars rendering', functionName: 'renderTemplate', ours: true },
  { phase: 'writing the files', functionName: 'writePlan', ours: true },
  { phase: 'parsing arguments', functionName: 'parseArgs', ours: true },
];

/** Buckets a call frame into an area a reader can act on. */
export function areaOf(url: string, functionName: string, bundleHint: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)' || functionName === '(root)') return 'V8/Node native (parse, compile, startup)';
    if (functionName === '(idle)') return 'idle: waiting for I/O (async fs calls run in the thread pool)';
    return `native: ${functionName}`;
  }
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/vm')) return 'module loading (Node)';
  if (url.startsWith('node:internal/fs') || url === 'node:fs' || url.startsWith('node:internal/fs/')) return 'file system (Node)';
  if (url.startsWith('node:')) return 'other Node internals';
  if (url.includes(bundleHint)) return 'our CLI bundle';
  return `other: ${url.replace(/^file:\/\//, '')}`;
}

export function summarizeProfile(path: string, bundleHint: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const area = areaOf(url, functionName, bundleHint);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = url.split('/').pop() ?? '';
    const name = url ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  // Inclusive time per phase: each sample counts once for a phase found on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseUs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const onStack = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = byId.get(cur)!.callFrame;
      for (const p of PHASES) {
        if (p.functionName === functionName && (p.ours ? url.includes(bundleHint) : url.startsWith('node:'))) onStack.add(p.phase);
      }
    }
    for (const phase of onStack) phaseUs.set(phase, (phaseUs.get(phase) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalUs: profile.endTime - profile.startTime,
    byArea: sorted(areas).map(([area, us]) => ({ area, us })),
    topFunctions: sorted(functions)
      .slice(0, top)
      .map(([name, us]) => ({ name, us })),
    phases: PHASES.filter((p) => phaseUs.has(p.phase)).map((p) => ({ phase: p.phase, us: phaseUs.get(p.phase)! })),
  };
}
