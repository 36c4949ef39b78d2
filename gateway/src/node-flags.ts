/**
 * The Node (V8) flags the gateway runs with in production: its start script, the Docker image's
 * command, `npm start` and `npm run start:services` all pass exactly these (a test holds them to it),
 * and `npm run bench:gateway` measures ours with them.
 *
 * --max-semi-space-size=64: a request's garbage (parsed subgraph JSON, result shaping) lives for a
 * few milliseconds; with V8's default young generation (16 MB semi-spaces) a scavenge comes every
 * few dozen requests and still finds the in-flight ones alive, copying and promoting them, so
 * scavenges alone took about an eighth of the gateway's CPU. 64 MB semi-spaces let most of it die
 * young: 15-30% less CPU per request on the in-memory workloads, measured pairwise (docs/benchmarks.md),
 * for up to ~190 MB more resident memory under load.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
