// deploy/kubernetes is for our users and no cluster runs on CI machines: this renders it with the
// real kustomize (kubectl's), validates every object against the Kubernetes API schemas and checks
// it against the code's configuration, as compose-file.test.ts does for docker-compose.yml.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { databaseUrlVariable, GATEWAY_PORT, routingUrlVariable, SERVICE_NAMES, SERVICE_PORTS, type ServiceName } from '@shopgraph/config';
import { GATEWAY_NODE_FLAGS } from '@shopgraph/gateway';
import { serviceEnvSchema } from '@shopgraph/server';
import { DEPLOYABLES } from '../../tools/build/deployables';
import { envProblemsOf, SECRET_VARIABLES, secretsOf, variablesOf } from './env-schemas';

const ROOT = join(__dirname, '..', '..');
const KUSTOMIZE = join(ROOT, 'deploy', 'kubernetes');
type Deployable = ServiceName | 'gateway';
const deployables: Deployable[] = ['gateway', ...SERVICE_NAMES];
const portOf = (name: Deployable) => (name === 'gateway' ? GATEWAY_PORT : SERVICE_PORTS[name]);

// Each kind the manifests use, with its schema-validating model.
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Namespace': Namespace,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string } }[];
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
if (!haveKubectl && process.env.SHOPGRAPH_REQUIRE_SERVICES === '1') throw new Error('kubectl (with kustomize) is required to render deploy/kubernetes');
if (!haveKubectl) process.stderr.write('\n*** kubectl is missing: the Kubernetes manifests are not rendered (SKIPPED) ***\n\n');
const describeWithKubectl = haveKubectl ? describe : describe.skip;

function render(folder: string): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', join(KUSTOMIZE, folder)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${folder} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as K8sObject);
}

/**
 * kustomize wraps a long Secret value's base64 over lines; the API server's decoder skips the line
 * breaks, the schema's "byte" format does not: compare what the API server reads.
 */
function asApiServerReads(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = Object.fromEntries(Object.entries(object.data as Record<string, string>).map(([key, value]) => [key, value.replace(/\s/g, '')]));
  return { ...object, data };
}

describeWithKubectl('the Kubernetes manifests (kustomize base and the example overlay)', () => {
  const base = haveKubectl ? render('base') : [];
  const overlay = haveKubectl ? render('overlays/example') : [];
  const find = (objects: K8sObject[], kind: string, name: string): unknown => objects.find((object) => object.kind === kind && object.metadata.name === name);
  const podOf = (objects: K8sObject[], name: string) => (find(objects, 'Deployment', name) as { spec: { template: { spec: PodSpec } } }).spec.template.spec;

  test.each([
    ['base', base],
    ['overlays/example', overlay],
  ])('every object %s renders is valid against the Kubernetes API schemas', (_folder, objects) => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const key = `${object.apiVersion}/${object.kind}`;
      const Model = MODELS[key];
      expect({ object: `${key} ${object.metadata.name}`, known: Model !== undefined }).toEqual({ object: `${key} ${object.metadata.name}`, known: true });
      expect(() => new Model!(asApiServerReads(object) as never).validate()).not.toThrow();
    }
  });

  describe.each(deployables)('%s', (name) => {
    const pod = () => podOf(overlay, name);
    const main = () => pod().containers.find((container) => container.name === name)!;

    test('a Deployment runs the entry `npm run build` writes for it, from its image', () => {
      const built = DEPLOYABLES.find((deployable) => deployable.name === name)!;
      const outputs = Object.keys(built.entries).map((entry) => `${entry}.js`);
      expect(main().command.at(-1)).toBe('main.js');
      for (const container of [...(pod().initContainers ?? []), main()]) {
        expect({ container: container.name, entry: outputs.includes(container.command.at(-1)!) }).toEqual({ container: container.name, entry: true });
        expect(container.image).toBe(`registry.example.com/shopgraph/${name}:0.1.0`);
      }
      if (name === 'gateway') expect(main().command.slice(1, -1)).toEqual([...GATEWAY_NODE_FLAGS]);
    });

    test('listens on its standard port, which its Service targets', () => {
      const port = portOf(name);
      expect(main().ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(main().env?.find((variable) => variable.name === 'PORT')?.value).toBe(String(port));
      const service = find(overlay, 'Service', name) as { spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] } };
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      const labels = (find(overlay, 'Deployment', name) as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata
        .labels;
      for (const [key, value] of Object.entries(service.spec.selector)) expect(labels[key]).toBe(value);
    });

    test('liveness is /health and readiness /ready; a preStop pause shorter than the grace period drains it', () => {
      expect(main().livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(main().readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
      const pause = main().lifecycle?.preStop?.exec?.command;
      expect(pause?.[0]).toBe('sleep');
      expect(Number(pause?.[1])).toBeLessThan(pod().terminationGracePeriodSeconds!);
    });

    test('sets only variables its env schema knows, secrets from the Secret, with values that parse', () => {
      const known = [...variablesOf(name), ...SERVICE_NAMES.map(databaseUrlVariable)];
      const secret = find(overlay, 'Secret', (pod().containers[0]!.env ?? []).find((variable) => variable.valueFrom)!.valueFrom!.secretKeyRef!.name) as {
        data: Record<string, string>;
      };
      const values: Record<string, string> = {};
      for (const variable of main().env ?? []) {
        expect({ name, variable: variable.name, known: known.includes(variable.name) }).toEqual({ name, variable: variable.name, known: true });
        const ref = variable.valueFrom?.secretKeyRef;
        // An optional key (the second shared secret, set only while rotating) may be absent.
        if (ref?.optional && !(ref.key in secret.data)) continue;
        if (ref) {
          expect({ variable: variable.name, inSecret: ref.key in secret.data }).toEqual({ variable: variable.name, inSecret: true });
          values[variable.name] = Buffer.from(secret.data[ref.key]!, 'base64').toString('utf8');
        } else values[variable.name] = variable.value!;
      }
      expect({ name, problems: envProblemsOf(name, values) }).toEqual({ name, problems: [] });
      // What production refuses to start without.
      const ownRequired = name === 'gateway' ? [] : name === 'users' ? ['DATABASE_URL', 'USERS_KEY_ENCRYPTION_KEYS'] : ['DATABASE_URL'];
      for (const required of ['NODE_ENV', 'GATEWAY_SHARED_SECRET', 'REDIS_URL', ...ownRequired]) expect(Object.keys(values)).toContain(required);
      expect(values.NODE_ENV).toBe('production');
    });

    test('takes every credential its env schema reads from the Secret', () => {
      const env = main().env ?? [];
      const generated = overlay.find((object) => object.kind === 'Secret')!.metadata.name;
      expect(secretsOf(name).length).toBeGreaterThan(0);
      // The gateway's schema shares the accepted-too secret with the subgraphs', but the gateway only signs.
      for (const secret of secretsOf(name).filter((variable) => name !== 'gateway' || variable !== 'GATEWAY_SHARED_SECRET_ALSO_ACCEPTED')) {
        const ref = env.find((variable) => variable.name === secret)?.valueFrom?.secretKeyRef;
        expect({ name, secret, from: ref && `${ref.name}/${ref.key}` }).toEqual({ name, secret, from: `${generated}/${secret}` });
      }
    });

    test('asks for resources and caps its memory', () => {
      for (const container of [...(pod().initContainers ?? []), main()]) {
        expect(container.resources?.requests?.cpu).toBeDefined();
        expect(container.resources?.requests?.memory).toBeDefined();
        expect(container.resources?.limits?.memory).toBeDefined();
      }
    });
  });

  test('the example overlay’s secrets.env.example names every credential, and nothing else', () => {
    const example = readFileSync(join(KUSTOMIZE, 'overlays', 'example', 'secrets.env.example'), 'utf8');
    const named = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(named.sort()).toEqual([...SECRET_VARIABLES].sort());
  });

  test('every subgraph migrates in an init container (node migrate.js) before it starts, and the service itself does not migrate again', () => {
    for (const name of SERVICE_NAMES) {
      const pod = podOf(overlay, name);
      expect(pod.initContainers?.map((container) => container.command)).toEqual([['node', 'migrate.js']]);
      const runMigrations = pod.containers[0]!.env?.find((variable) => variable.name === 'RUN_MIGRATIONS')?.value;
      expect(serviceEnvSchema(name).shape.RUN_MIGRATIONS.parse(runMigrations)).toBe(false);
    }
  });

  test('the gateway routes each subgraph to its Service, and subgraphs reach their peers the same way', () => {
    for (const name of deployables) {
      const env = Object.fromEntries((podOf(overlay, name).containers[0]!.env ?? []).map((variable) => [variable.name, variable.value]));
      for (const peer of SERVICE_NAMES.filter((peer) => peer !== name))
        expect(env[routingUrlVariable(peer)]).toBe(`http://${peer}:${SERVICE_PORTS[peer]}/graphql`);
    }
  });

  test('the gateway reads the supergraph from a ConfigMap volume (no subPath, so updates reach it) equal to schema/supergraph.graphql', () => {
    const pod = podOf(overlay, 'gateway');
    const gateway = pod.containers[0]!;
    const path = gateway.env!.find((variable) => variable.name === 'SUPERGRAPH_PATH')!.value!;
    const mount = gateway.volumeMounts!.find((volumeMount) => path.startsWith(`${volumeMount.mountPath}/`))!;
    expect(mount).toEqual(expect.not.objectContaining({ subPath: expect.anything() }));
    const configMapName = pod.volumes!.find((volume) => volume.name === mount.name)!.configMap!.name;
    const configMap = find(overlay, 'ConfigMap', configMapName) as { data: Record<string, string> };
    const file = path.slice(mount.mountPath.length + 1);
    expect(configMap.data[file] === readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')).toBe(true);
  });

  test('the gateway scales on CPU (HorizontalPodAutoscaler) and keeps one pod through voluntary disruptions', () => {
    const hpa = find(overlay, 'HorizontalPodAutoscaler', 'gateway') as {
      spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number };
    };
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = find(overlay, 'PodDisruptionBudget', 'gateway') as { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } };
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    const labels = (find(overlay, 'Deployment', 'gateway') as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata
      .labels;
    for (const [key, value] of Object.entries(pdb.spec.selector.matchLabels)) expect(labels[key]).toBe(value);
  });
});
