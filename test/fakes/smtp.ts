import type { AddressInfo } from "node:net";

import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** What the fake does with the next RCPT TO: accept, refuse for now (4xx), or refuse for good (5xx). */
export type SmtpBehaviour = { kind: "accept" } | { kind: "refuse"; code: number; message: string };

export interface FakeSmtp {
  port: number;
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  user: string;
  password: string;
  received: ParsedMail[];
  /** Behaviours for the next recipients, in order; then `fallback`. */
  script(...behaviours: SmtpBehaviour[]): void;
  fallback: SmtpBehaviour;
  /** Delay before answering DATA, per message. */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 with AUTH PLAIN/LOGIN and no TLS: the stand-in for
 * all-inkl's mail server. It parses what it receives with mailparser, and can refuse a recipient
 * (any code) or answer slowly. `login` names its one account (all-inkl's mail accounts have one
 * login for SMTP and IMAP: give the fake IMAP server's to both).
 */
export async function startFakeSmtp(login: { user?: string; password?: string } = {}): Promise<FakeSmtp> {
  const user = login.user ?? "mailer@example.test";
  const password = login.password ?? "smtp-test-password";
  const queue: SmtpBehaviour[] = [];
  const state = {
    port: 0,
    url: "",
    user,
    password,
    received: [] as ParsedMail[],
    script: (...behaviours: SmtpBehaviour[]) => void queue.push(...behaviours),
    fallback: { kind: "accept" } as SmtpBehaviour,
    delayMs: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    size: 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      const error = Object.assign(new Error("Authentication failed"), { responseCode: 535 });
      return callback(error);
    },
    onRcptTo(_address, _session, callback) {
      const behaviour = queue.shift() ?? state.fallback;
      if (behaviour.kind === "accept") return callback();
      return callback(Object.assign(new Error(behaviour.message), { responseCode: behaviour.code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push(mail);
          setTimeout(() => callback(), state.delayMs);
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://${encodeURIComponent(user)}:${password}@127.0.0.1:${state.port}`;
  return state;
}
