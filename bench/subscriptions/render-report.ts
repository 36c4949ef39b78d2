// Rewrites the "Subscriptions" section of docs/benchmarks.md from bench/results/subscriptions.json without running the benchmark again.
import { republish } from '../results';
import { SUBSCRIPTIONS_REPORT } from './report';

republish(SUBSCRIPTIONS_REPORT);
