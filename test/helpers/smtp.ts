import type { Server, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO of the envelope. */
  to: string[];
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  messages: ReceivedMail[];
  /** Recipient addresses of every message received, in order. */
  recipients(): string[];
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** RCPT TO refused with a 550 for these addresses. */
  refuse?: string[];
  /** The message to these addresses is read, then refused (550 after DATA): a bounce. */
  bounce?: string[];
  /** The connection is cut when the Nth message starts (once). */
  dropAtMessage?: number;
  /** Login required with this password (user « secretariat »). */
  password?: string;
  /** Implicit TLS (smtp-server's own certificate). */
  secure?: boolean;
}

/** A real SMTP server on loopback: receives, parses (mailparser) and keeps every message. */
export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  let mailFrom = 0;
  let dropped = false;
  const config: SMTPServerOptions = {
    secure: options.secure ?? false,
    disabledCommands: options.password ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.password,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'secretariat' && auth.password === options.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      mailFrom++;
      if (options.dropAtMessage !== undefined && !dropped && mailFrom === options.dropAtMessage) {
        dropped = true;
        for (const socket of sockets) socket.destroy();
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) callback(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      if (session.envelope.rcptTo.some((r) => options.bounce?.includes(r.address))) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Message rejected: mailbox full'), { responseCode: 552 })));
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
          callback();
        })
        .catch(callback);
    },
  };
  // smtp-server warns about its built-in certificate on every start: the tests know.
  const warn = console.warn;
  console.warn = () => {};
  const server = new SMTPServer(config);
  console.warn = warn;
  server.on('error', () => {});
  (server as unknown as { server: Server }).server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: Server }).server.address() as { port: number }).port;
  return {
    port,
    messages,
    recipients: () => messages.flatMap((m) => m.to),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nobody listening. */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
