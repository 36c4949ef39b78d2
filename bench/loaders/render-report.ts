// Rewrites docs/benchmarks.md from bench/results/loaders.json without running the benchmark again.
import { republish } from '../results';
import { LOADERS_REPORT } from './report';

republish(LOADERS_REPORT);
