// Rewrites the "Subscriptions" section of docs/benchmarks.md from bench/results/subscriptions.json without running the benchmark again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSubscriptionsSection, type SubscriptionsRun } from './report';

const root = join(__dirname, '..', '..');
const run = JSON.parse(readFileSync(join(root, 'bench', 'results', 'subscriptions.json'), 'utf8')) as SubscriptionsRun;
writeSubscriptionsSection(join(root, 'docs', 'benchmarks.md'), run);
