import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

const connectionsOf = (server: SMTPServer) =>
  (server as unknown as { connections: Set<{ session: SMTPServerSession; _socket: { destroy(): void } }> }).connections;

/** One message as the server received it, parsed. */
export interface ReceivedEmail {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * What the server answers the DATA of one message: accept it, refuse it with a temporary failure
 * (451, the client should retry), reject it for good (550, no such mailbox), drop the connection before answering (a send that died
 * half-way: the client cannot know the message arrived), or hold: never answer, so the test can
 * kill the sending process while it waits.
 */
export type Answer = 'accept' | 'refuse' | 'reject' | 'drop' | 'hold';

export interface TestSmtpServer {
  url: string;
  /** Every message whose DATA reached the server, accepted or not, in order. */
  seen: (ReceivedEmail & { answer: Answer })[];
  /** Resolves with the first message (already seen or yet to come) that matches. */
  waitFor(matches: (email: ReceivedEmail & { answer: Answer }) => boolean): Promise<ReceivedEmail & { answer: Answer }>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on a free port of 127.0.0.1. `answer` decides, per
 * message, what it says; `attempt` counts the messages already seen for the same recipient.
 */
export async function startTestSmtpServer(answer: (to: string, attempt: number) => Answer): Promise<TestSmtpServer> {
  const seen: TestSmtpServer['seen'] = [];
  const waiters: { matches: (email: TestSmtpServer['seen'][number]) => boolean; resolve(email: TestSmtpServer['seen'][number]): void }[] = [];
  const record = (email: TestSmtpServer['seen'][number]) => {
    seen.push(email);
    for (const waiter of waiters.filter((candidate) => candidate.matches(email))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(email);
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      void simpleParser(stream).then((parsed) => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        const decision = answer(to, seen.filter((email) => email.to === to).length);
        record({
          to,
          messageId: parsed.messageId ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          answer: decision,
        });
        if (decision === 'accept') return callback();
        if (decision === 'hold') return;
        // smtp-server has no public way to hang up mid-transaction; its connection objects hold the socket.
        if (decision === 'drop') return connectionsOf(server).forEach((connection) => connection.session === session && connection._socket.destroy());
        if (decision === 'reject') return callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
        callback(Object.assign(new Error('4.3.0 Mailbox temporarily unavailable, try again later'), { responseCode: 451 }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    seen,
    waitFor: (matches) => {
      const already = seen.find(matches);
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push({ matches, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
