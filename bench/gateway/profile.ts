import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the time the process was not idle. */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  topFunctions: SelfTime[];
  byPackage: { name: string; selfMs: number; percent: number }[];
}

/** `@apollo/gateway`, `graphql`, `node:internal`, `(garbage collector)`... for a script URL. */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return 'node (built-in modules)';
  const ours = /\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|bench)\//.exec(url);
  return ours ? `shopgraph ${ours[1]}` : url;
}

function shortWhere(url: string, line: number): string {
  if (!url) return '';
  const inModules = url.lastIndexOf('node_modules/');
  const tail = inModules >= 0 ? url.slice(inModules + 'node_modules/'.length) : url.replace(/^file:\/\/.*?\/(gateway|packages|bench)\//, '$1/');
  return `${tail}:${line + 1}`;
}

/** Self time by function and by package from a V8 .cpuprofile (node --cpu-prof), idle excluded. */
export function summariseProfile(path: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, SelfTime>();
  const packages = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const node = byNode.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    busy += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName}|${url}|${lineNumber}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where: shortWhere(url, lineNumber), selfMs: 0, percent: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  });
  const percent = (ms: number) => Math.round((ms / busy) * 1000) / 10;
  const round = (ms: number) => Math.round(ms);
  return {
    busyMs: round(busy),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((entry) => ({ ...entry, selfMs: round(entry.selfMs), percent: percent(entry.selfMs) })),
    byPackage: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([name, ms]) => ({ name, selfMs: round(ms), percent: percent(ms) })),
  };
}
