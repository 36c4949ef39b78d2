/** A service's Prometheus text from GET /metrics, found next to its GraphQL endpoint. */
export async function metricsOf(graphqlUrl: string): Promise<string> {
  return (await fetch(graphqlUrl.replace('/graphql', '/metrics'))).text();
}

/** The value of one Prometheus sample, matched by metric name and labels; 0 when absent. */
export function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const line = metrics
    .split('\n')
    .find((text) => text.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => text.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
