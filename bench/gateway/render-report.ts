// Rewrites the "Gateway" section of docs/benchmarks.md from bench/results/gateway.json without running the benchmark again.
import { republish } from '../results';
import { GATEWAY_REPORT } from './report';

republish(GATEWAY_REPORT);
