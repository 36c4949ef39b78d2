import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { databaseUrlVariable, GATEWAY_PORT, routingUrlVariable, SERVICE_NAMES, SERVICE_PORTS } from '@shopgraph/config';
import { GATEWAY_NODE_FLAGS } from '@shopgraph/gateway';
import { DEPLOYABLES } from '../../tools/build/deployables';
import { envProblemsOf, secretsOf, variablesOf } from './env-schemas';

// docker-compose.yml is for our users and Docker is not on CI machines: this keeps it true to the code.
const ROOT = join(__dirname, '..', '..');
interface ComposeService {
  restart?: string;
  build?: { dockerfile?: string; target?: string; args?: Record<string, string> };
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
// `${VARIABLE:-default}` read as compose does with the variable unset in the shell and .env.
const composeFile = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const composeText = composeFile.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const services = compose.services;
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const deployables = [...SERVICE_NAMES, 'gateway'] as const;
const portOf = (name: (typeof deployables)[number]) => (name === 'gateway' ? GATEWAY_PORT : SERVICE_PORTS[name]);

test('the compose file runs exactly postgres, redis, the gateway and every subgraph', () => {
  expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', 'redis', ...SERVICE_NAMES].sort());
});

describe.each(deployables)('%s', (name) => {
  const service = services[name]!;

  test('listens and publishes on its standard port', () => {
    expect({ service: name, PORT: service.environment?.PORT }).toEqual({ service: name, PORT: String(portOf(name)) });
    expect({ service: name, ports: service.ports }).toEqual({ service: name, ports: [`${portOf(name)}:${portOf(name)}`] });
  });

  test('sets only variables its env schema knows, with values that parse', () => {
    const known = variablesOf(name);
    for (const key of Object.keys(service.environment ?? {}))
      expect({ service: name, key, known: known.includes(key) }).toEqual({ service: name, key, known: true });
    expect({ service: name, problems: envProblemsOf(name, service.environment) }).toEqual({ service: name, problems: [] });
  });

  test('passes every credential it reads from .env or the shell, unless compose provides it (its own postgres and redis)', () => {
    // The gateway shared secret is production's: development signs with the development default (see the file's header).
    const fromCompose = ['DATABASE_URL', 'REDIS_URL', 'GATEWAY_SHARED_SECRET', 'GATEWAY_SHARED_SECRET_ALSO_ACCEPTED'];
    const raw = parse(composeFile, { merge: true }) as { services: Record<string, ComposeService> };
    for (const secret of secretsOf(name).filter((variable) => !fromCompose.includes(variable)))
      expect({ service: name, secret, value: raw.services[name]?.environment?.[secret] }).toEqual({ service: name, secret, value: `\${${secret}:-}` });
  });

  test('runs an entry file that `npm run build` writes for it, built from a stage the Dockerfile has, with a health check', () => {
    const entry = service.command?.at(-1) ?? '';
    const built = DEPLOYABLES.find((deployable) => deployable.name === name)!;
    expect({
      service: name,
      entry,
      built: Object.keys(built.entries)
        .map((output) => `${output}.js`)
        .includes(entry),
    }).toEqual({ service: name, entry, built: true });
    expect({ service: name, SERVICE: service.build?.args?.SERVICE, image: service.image }).toEqual({
      service: name,
      SERVICE: name,
      image: `shopgraph/${name}`,
    });
    expect(service.build?.dockerfile).toBe('Dockerfile');
    expect(dockerfile).toMatch(new RegExp(`^FROM .+ AS ${service.build?.target}$`, 'm'));
    expect(service.healthcheck?.test?.join(' ')).toContain(`:${portOf(name)}/health`);
  });
});

test('every service, postgres and redis included, is started again when its process dies (restart: unless-stopped)', () => {
  const policies = Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.restart]));
  expect(policies).toEqual(Object.fromEntries(Object.keys(services).map((name) => [name, 'unless-stopped'])));
});

test('the gateway routes each subgraph to its compose service and waits for it to be healthy', () => {
  const gateway = services.gateway!;
  for (const name of SERVICE_NAMES) {
    expect({ variable: routingUrlVariable(name), url: gateway.environment?.[routingUrlVariable(name)] }).toEqual({
      variable: routingUrlVariable(name),
      url: `http://${name}:${SERVICE_PORTS[name]}/graphql`,
    });
    expect(gateway.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
  }
});

test('redis keeps carts across a restart: an append-only file on a named volume', () => {
  const redis = services.redis!;
  const command = redis.command!;
  expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
  expect(['always', 'everysec']).toContain(command[command.indexOf('--appendfsync') + 1]);
  expect(redis.volumes).toEqual(['redis-data:/data']);
  expect(Object.keys(compose.volumes ?? {})).toContain('redis-data');
});

test('every subgraph reaches postgres and redis, and waits for them', () => {
  for (const name of SERVICE_NAMES) {
    const service = services[name]!;
    expect(new URL(service.environment!.DATABASE_URL!).host).toBe('postgres:5432');
    expect(new URL(service.environment!.REDIS_URL!).host).toBe('redis:6379');
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  }
});

test('.env.example names every variable the code reads', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const variables = new Set([
    ...variablesOf('gateway'),
    ...SERVICE_NAMES.flatMap(variablesOf),
    ...SERVICE_NAMES.map(databaseUrlVariable),
    'SHOPGRAPH_REQUIRE_SERVICES',
  ]);
  for (const variable of variables)
    expect({ variable, documented: new RegExp(`^#? ?${variable}=`, 'm').test(example) }).toEqual({ variable, documented: true });
});

test('the gateway runs with its production Node flags wherever it starts: its start script, the compose file, npm start and start:services', () => {
  const scriptsOf = (path: string) => (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const commands = {
    'gateway start script': scriptsOf('gateway/package.json').start!.split(' '),
    'compose gateway command': services.gateway!.command ?? [],
    'npm start': scriptsOf('package.json').start!.split(' '),
    'npm run start:services': scriptsOf('package.json')['start:services']!.split(' '),
  };
  for (const [where, command] of Object.entries(commands)) {
    expect({ where, flags: GATEWAY_NODE_FLAGS.filter((flag) => command.includes(flag)) }).toEqual({ where, flags: [...GATEWAY_NODE_FLAGS] });
  }
});
