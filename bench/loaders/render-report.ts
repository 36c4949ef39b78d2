// Rewrites docs/benchmarks.md from bench/results/loaders.json without running the benchmark again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDocsSection } from '../docs-section';
import { LOADERS_HEADING, renderLoadersReport, type LoadersRun } from './report';

const root = join(__dirname, '..', '..');
const run = JSON.parse(readFileSync(join(root, 'bench', 'results', 'loaders.json'), 'utf8')) as LoadersRun;
writeDocsSection(join(root, 'docs', 'benchmarks.md'), LOADERS_HEADING, renderLoadersReport(run));
