// Rewrites the "Gateway" section of docs/benchmarks.md from bench/results/gateway.json without running the benchmark again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeGatewaySection, type GatewayRun } from './report';

const root = join(__dirname, '..', '..');
const run = JSON.parse(readFileSync(join(root, 'bench', 'results', 'gateway.json'), 'utf8')) as GatewayRun;
writeGatewaySection(join(root, 'docs', 'benchmarks.md'), run);
