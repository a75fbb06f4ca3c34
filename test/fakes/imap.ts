import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { ImapFlow } from "imapflow";

export interface SeedMessage {
  from: string;
  to?: string;
  subject: string;
  text: string;
  /** Defaults to a fresh one; give the same id twice to test the Message-ID dedupe. */
  messageId?: string;
  date?: Date;
}

export interface FakeImap {
  host: "127.0.0.1";
  port: number;
  user: string;
  password: string;
  /** Appends a message to INBOX over IMAP (APPEND), as a delivery would. */
  deliver(message: SeedMessage, mailbox?: string): Promise<void>;
  /** Appends many messages over one connection (benchmarks). */
  deliverAll(messages: SeedMessage[], mailbox?: string): Promise<void>;
  /** Deletes and recreates the mailbox: a new UIDVALIDITY, UIDs from 1 again. */
  recreate(mailbox: string): Promise<void>;
  close(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function rfc822(message: SeedMessage, to: string): string {
  const id = message.messageId ?? `<${crypto.randomUUID()}@fake.test>`;
  return [
    `From: ${message.from}`,
    `To: ${message.to ?? to}`,
    `Subject: ${message.subject}`,
    `Date: ${(message.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${id}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    message.text,
    "",
  ].join("\r\n");
}

/**
 * A real IMAP server on 127.0.0.1: Debian's Dovecot (package dovecot-imapd), run unprivileged from
 * a generated configuration in a temporary directory — plain-text login without TLS, one user in a
 * passwd-file, mail in a Maildir. Messages are seeded over IMAP (APPEND), as a delivery would. As
 * root, the mail processes run as `nobody`: Dovecot refuses to serve mail as uid 0.
 */
export async function startFakeImap(login: { user?: string; password?: string } = {}): Promise<FakeImap> {
  const user = login.user ?? "inbox@example.test";
  const password = login.password ?? "imap-test-password";
  const root = mkdtempSync(path.join(tmpdir(), "fake-imap-"));
  chmodSync(root, 0o755);
  for (const dir of ["run", "state", "home"]) mkdirSync(path.join(root, dir));
  chmodSync(path.join(root, "home"), 0o777);
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : (process.getuid?.() ?? 65534);
  const gid = asRoot ? 65534 : (process.getgid?.() ?? 65534);
  const me = asRoot ? "nobody" : (process.env.USER ?? "nobody");
  const group = asRoot ? "nogroup" : me;
  const port = await freePort();
  writeFileSync(path.join(root, "passwd"), `${user}:{PLAIN}${password}\n`);
  const logFile = path.join(root, "dovecot.log");
  writeFileSync(
    path.join(root, "dovecot.conf"),
    [
      `base_dir = ${root}/run`,
      `state_dir = ${root}/state`,
      `instance_name = fake-imap-${port}`,
      `log_path = ${logFile}`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `default_login_user = ${me}`,
      `default_internal_user = ${me}`,
      `default_internal_group = ${group}`,
      "mail_location = maildir:~/Maildir",
      `first_valid_uid = ${Math.min(uid, 500)}`,
      "passdb {",
      "  driver = passwd-file",
      `  args = scheme=PLAIN username_format=%u ${root}/passwd`,
      "}",
      "userdb {",
      "  driver = static",
      `  args = uid=${uid} gid=${gid} home=${root}/home/%u`,
      "}",
      "service imap-login {",
      "  inet_listener imap {",
      "    address = 127.0.0.1",
      `    port = ${port}`,
      "  }",
      "  inet_listener imaps {",
      "    port = 0",
      "  }",
      "  chroot =",
      "}",
      "service anvil {",
      "  chroot =",
      "}",
      "",
    ].join("\n"),
  );
  const child = spawn(DOVECOT, ["-F", "-c", path.join(root, "dovecot.conf")], { stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  await waitForPort(port, child, () => output);

  const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    await imap.connect();
    try {
      return await work(imap);
    } finally {
      await imap.logout();
    }
  };

  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    async deliver(message, mailbox = "INBOX") {
      await client((imap) => imap.append(mailbox, rfc822(message, user)));
    },
    async deliverAll(messages, mailbox = "INBOX") {
      await client(async (imap) => {
        for (const message of messages) await imap.append(mailbox, rfc822(message, user));
      });
    },
    async recreate(mailbox) {
      await client(async (imap) => {
        // IMAP cannot delete INBOX: tests of a new UIDVALIDITY read another mailbox.
        if (mailbox === "INBOX") throw new Error("recreate a mailbox other than INBOX");
        await imap.mailboxDelete(mailbox).catch(() => undefined);
        await imap.mailboxCreate(mailbox);
      });
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
