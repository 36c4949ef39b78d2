import { ReplyError } from 'ioredis';
import { RedisCircuit, RedisUnavailableError } from '../src';

const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
const up = () => Promise.resolve('PONG');

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('opens after consecutive failures, skips calls while open, and closes by itself once a probe succeeds', async () => {
  const circuit = new RedisCircuit({ failuresToOpen: 3, probeAfterMs: 50 });
  for (let i = 0; i < 3; i += 1) await expect(circuit.run(down)).rejects.toBeInstanceOf(RedisUnavailableError);
  expect(circuit.state).toBe('open');
  expect(circuit.opened).toBe(1);

  let asked = 0;
  const counted = () => ((asked += 1), up());
  await expect(circuit.run(counted)).rejects.toThrow('circuit open');
  expect({ asked, skipped: circuit.skipped }).toEqual({ asked: 0, skipped: 1 });

  // After the probe interval the next call is the probe; its success closes the circuit.
  await until(() =>
    circuit.run(up).then(
      () => true,
      () => false,
    ),
  );
  expect(circuit.state).toBe('closed');
});

test('a failed probe opens it again; Redis answering with an error does not count against it', async () => {
  const circuit = new RedisCircuit({ failuresToOpen: 2, probeAfterMs: 30 });
  const wrongType = () => Promise.reject(new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value'));
  for (let i = 0; i < 5; i += 1) await expect(circuit.run(wrongType)).rejects.toBeInstanceOf(ReplyError);
  expect(circuit.state).toBe('closed');

  await circuit.run(down).catch(() => {});
  await circuit.run(down).catch(() => {});
  expect(circuit.state).toBe('open');
  await until(async () => (await circuit.run(down).catch((error: Error) => error.message)).includes('ECONNREFUSED'));
  expect(circuit.state).toBe('open');
  expect(circuit.opened).toBe(2);
});
