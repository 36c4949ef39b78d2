import { readFileSync } from 'node:fs';

/** V8's sampling heap profile (HeapProfiler.stopSampling, a .heapprofile file). */
interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapProfileNode[];
}

export interface AllocationSite {
  name: string;
  where: string;
  /** Sampled bytes allocated here, divided by the requests answered while sampling. */
  bytesPerRequest: number;
  /** Share of all the bytes sampled. */
  percent: number;
}

export interface AllocationSummary {
  requests: number;
  bytesPerRequest: number;
  /** Where the bytes were allocated: the function on top of the stack. */
  bySelf: AllocationSite[];
  /**
   * The nearest of our own functions (gateway/, packages/) on each allocation's stack: which of our
   * calls into a library (undici, prom-client, graphql) cost the bytes it allocated for us.
   */
  byOwnCaller: AllocationSite[];
}

const OURS = /\/(gateway|packages)\/(?!.*node_modules)/;

function whereOf(url: string, line: number): string {
  if (!url) return '';
  const inModules = url.lastIndexOf('node_modules/');
  const tail = inModules >= 0 ? url.slice(inModules + 'node_modules/'.length) : url.replace(/^file:\/\/.*?\/(gateway|packages|bench)\//, '$1/');
  return `${tail}:${line + 1}`;
}

function ranked(sites: Map<string, { name: string; where: string; bytes: number }>, total: number, requests: number, top: number): AllocationSite[] {
  return [...sites.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top)
    .map(({ name, where, bytes }) => ({
      name,
      where,
      bytesPerRequest: Math.round(bytes / requests),
      percent: Math.round((bytes / total) * 1000) / 10,
    }));
}

/**
 * Bytes allocated per request by site, from a sampling heap profile taken with garbage-collected
 * objects included (so it counts every allocation, not what survived), over `requests` answers.
 */
export function summariseHeapProfile(path: string, requests: number, top = 20): AllocationSummary {
  const { head } = JSON.parse(readFileSync(path, 'utf8')) as { head: HeapProfileNode };
  const bySelf = new Map<string, { name: string; where: string; bytes: number }>();
  const byOwnCaller = new Map<string, { name: string; where: string; bytes: number }>();
  let total = 0;
  const add = (sites: typeof bySelf, frame: HeapProfileNode['callFrame'] | undefined, bytes: number) => {
    const key = frame ? `${frame.functionName}|${frame.url}|${frame.lineNumber}` : '(none)';
    const site = sites.get(key) ?? {
      name: frame ? frame.functionName || '(anonymous)' : '(no frame of ours)',
      where: frame ? whereOf(frame.url, frame.lineNumber) : '',
      bytes: 0,
    };
    site.bytes += bytes;
    sites.set(key, site);
  };
  const walk = (node: HeapProfileNode, ownCaller: HeapProfileNode['callFrame'] | undefined) => {
    const caller = OURS.test(node.callFrame.url) ? node.callFrame : ownCaller;
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(bySelf, node.callFrame, node.selfSize);
      add(byOwnCaller, caller, node.selfSize);
    }
    for (const child of node.children) walk(child, caller);
  };
  walk(head, undefined);
  const perRequest = Math.max(1, requests);
  return {
    requests,
    bytesPerRequest: Math.round(total / perRequest),
    bySelf: ranked(bySelf, total, perRequest, top),
    byOwnCaller: ranked(byOwnCaller, total, perRequest, top),
  };
}

/** The summary as text for the console: a working tool, never written into the committed results. */
export function renderAllocationSummary(workload: string, summary: AllocationSummary): string {
  const rows = (sites: AllocationSite[]) =>
    sites.map((s) => `  ${String(s.bytesPerRequest).padStart(7)} B/req ${String(s.percent).padStart(5)}% ${s.name} ${s.where}`);
  return [
    `allocations on ${workload}: ${summary.bytesPerRequest} bytes per request over ${summary.requests} requests`,
    'by allocating function:',
    ...rows(summary.bySelf),
    'by nearest function of ours on the stack:',
    ...rows(summary.byOwnCaller),
  ].join('\n');
}
