import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isTracing, startTracing, tracingConfigured } from '../src';

describe('startTracing', () => {
  test('is configured by either OTLP endpoint variable, and OTEL_SDK_DISABLED wins', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  test('without an endpoint it does nothing', () => {
    expect(startTracing('test', {})).toBe(false);
    expect(isTracing()).toBe(false);
  });

  test('without an endpoint a process loads none of the SDK', () => {
    // A fresh process, since this one's module registry is jest's.
    const script = `require(${JSON.stringify(join(__dirname, '..', 'src'))}).startTracing('test');
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((path) => path.includes('@opentelemetry'))));`;
    const { OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: _tracesEndpoint, ...env } = process.env;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env, encoding: 'utf8' })) as string[];
    expect(loaded).toEqual([]);
  });
});
