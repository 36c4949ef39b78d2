import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(__dirname, 'fixtures', 'main-with-signals.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(mode: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = fork(FIXTURE, [mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
const started = (child: ChildProcess) => new Promise<void>((resolve) => child.once('message', () => resolve()));

test('an uncaught exception is logged as fatal and the process exits 1, for its supervisor to restart', async () => {
  const service = start('throw-from-timer');
  expect(await service.exited).toBe(1);
  const fatal = service
    .output()
    .split('\n')
    .find((line) => line.includes('"level":60'));
  expect(JSON.parse(fatal!)).toMatchObject({ msg: expect.stringMatching(/uncaught exception/), err: { type: 'TypeError' } });
});

test('an unhandled rejection is logged and the service keeps serving', async () => {
  const service = start('reject');
  await started(service.child);
  while (!service.output().includes('nobody awaited this')) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(service.child.exitCode).toBeNull();
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
});

test('a service whose supervisor went away (its IPC channel closed) shuts itself down cleanly', async () => {
  const service = start('idle');
  await started(service.child);
  service.child.disconnect();
  expect(await service.exited).toBe(0);
  expect(service.output()).toContain('stopped cleanly');
});

test('the same Ctrl-C arriving twice (the terminal and npm both send it) does not cut the shutdown short', async () => {
  const service = start('slow-stop');
  await started(service.child);
  service.child.kill('SIGINT');
  service.child.kill('SIGINT');
  expect(await service.exited).toBe(0);
  expect(service.output()).toContain('stopped cleanly');
});

test('Ctrl-C pressed again a while into a slow shutdown exits 1 at once', async () => {
  const service = start('slow-stop');
  await started(service.child);
  service.child.kill('SIGINT');
  while (!service.output().includes('SIGINT: shutting down')) await new Promise((resolve) => setTimeout(resolve, 20));
  // Past the window in which a signal counts as the same Ctrl-C (1 s), well before the stop ends (3 s).
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  service.child.kill('SIGINT');
  expect(await service.exited).toBe(1);
  expect(service.output()).toContain('SIGINT again while shutting down: exiting now');
  expect(service.output()).not.toContain('stopped cleanly');
});
