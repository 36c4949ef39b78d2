import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const PAGE = join(ROOT, 'docs', 'benchmarks.md');

/** How one benchmark's run is stored (bench/results/<name>.json) and shown (its section of docs/benchmarks.md). */
export interface BenchmarkReport<TRun> {
  name: string;
  /** The "## " line that starts its section; each benchmark owns one section of the page. */
  heading: string;
  /** The whole section, heading included. */
  render(run: TRun): string;
}

const resultsPath = (name: string) => join(ROOT, 'bench', 'results', `${name}.json`);

/** Replaces (or appends) the section starting with `heading`, up to the next "## " heading, keeping every other. */
function writeSection(heading: string, section: string): void {
  const page = readFileSync(PAGE, 'utf8');
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) {
    writeFileSync(PAGE, `${page.trimEnd()}\n\n${section}`);
    return;
  }
  const next = page.indexOf('\n## ', start + 1);
  writeFileSync(PAGE, `${page.slice(0, start + 1)}${section}${next < 0 ? '' : `\n${page.slice(next + 1)}`}`);
}

/** Stores a finished run and rewrites its section of the page. */
export function publishRun<TRun>(report: BenchmarkReport<TRun>, run: TRun): void {
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(resultsPath(report.name), `${JSON.stringify(run, null, 2)}\n`);
  writeSection(report.heading, report.render(run));
  process.stdout.write(`\nwrote bench/results/${report.name}.json and the "${report.heading.slice(3)}" section of docs/benchmarks.md\n`);
}

/** Rewrites the section from the stored run, without running the benchmark again (each render-report.ts). */
export function republish<TRun>(report: BenchmarkReport<TRun>): void {
  writeSection(report.heading, report.render(JSON.parse(readFileSync(resultsPath(report.name), 'utf8')) as TRun));
}

/** A benchmark's entry point: a failure prints its stack and exits with 1. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
