// Rewrites docs/benchmarks.md from bench/results/loaders.json without running the benchmark again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderLoadersReport, type LoadersRun } from './report';

const root = join(__dirname, '..', '..');
const run = JSON.parse(readFileSync(join(root, 'bench', 'results', 'loaders.json'), 'utf8')) as LoadersRun;
writeFileSync(join(root, 'docs', 'benchmarks.md'), renderLoadersReport(run));
