import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import { superviseProcess, type SupervisedProcess } from '../src/supervised-process';

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
  return { logger: pino({ level: 'info' }, stream), lines };
}
const node = (script: string) => () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
const servesAtOnce = async () => {};
const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
};

let supervised: SupervisedProcess | undefined;
afterEach(() => supervised?.stop());

test('a process that keeps dying is started again after 1, 2, 4... times the first delay, never longer than the cap, each death logged', async () => {
  const { logger, lines } = recordingLogger();
  supervised = await superviseProcess({
    name: 'crasher',
    spawn: node('setTimeout(() => process.exit(3), 50)'),
    waitUntilServing: servesAtOnce,
    logger,
    policy: { initialDelayMs: 20, maxDelayMs: 80 },
  });
  expect(await until(() => supervised!.restarts >= 5)).toBe(true);
  const deaths = lines.filter((line) => line.msg === 'crasher exited; starting it again');
  expect(deaths.slice(0, 5).map((line) => line.restartInMs)).toEqual([20, 40, 80, 80, 80]);
  expect(deaths[0]).toMatchObject({ level: 50, service: 'crasher', code: 3, crashesInARow: 1 });
});

test('a process that lived past resetAfterMs before dying is restarted after the first delay again', async () => {
  const { logger, lines } = recordingLogger();
  supervised = await superviseProcess({
    name: 'steady',
    spawn: node('setTimeout(() => process.exit(1), 300)'),
    waitUntilServing: servesAtOnce,
    logger,
    policy: { initialDelayMs: 20, resetAfterMs: 100 },
  });
  expect(await until(() => supervised!.restarts >= 3)).toBe(true);
  const crashesInARow = lines.filter((line) => line.crashesInARow !== undefined).map((line) => line.crashesInARow);
  expect(crashesInARow.length).toBeGreaterThanOrEqual(3);
  expect(new Set(crashesInARow)).toEqual(new Set([1]));
  expect(lines.some((line) => line.msg === 'steady restarted and serving')).toBe(true);
});

test('stop() ends supervision first: the process is not started again, and it is SIGTERMed', async () => {
  const { logger, lines } = recordingLogger();
  supervised = await superviseProcess({ name: 'server', spawn: node('setInterval(() => {}, 1000)'), waitUntilServing: servesAtOnce, logger });
  const pid = supervised.pid;
  await supervised.stop();
  expect(() => process.kill(pid!, 0)).toThrow();
  expect(supervised.pid).toBeUndefined();
  expect(supervised.restarts).toBe(0);
  expect(lines.filter((line) => line.level === 50)).toEqual([]);
});

test('a first start that fails rejects instead of looping: a broken setup stops start:services', async () => {
  const { logger } = recordingLogger();
  const failing = superviseProcess({
    name: 'broken',
    spawn: node('process.exit(1)'),
    waitUntilServing: () => Promise.reject(new Error('broken exited before it served')),
    logger,
  });
  await expect(failing).rejects.toThrow('broken exited before it served');
  supervised = undefined;
});
