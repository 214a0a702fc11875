import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

import { parseMessage } from "../mail-message";

/**
 * Mail through a real SMTP conversation in a browser test: a local SMTP server started by the
 * test, and a second instance of the portal configured to send through it (SMTP_URL), sharing
 * the run's DATA_DIR with the instance Playwright started. Every other test keeps reading mail
 * from the admin's outbox, so only the test that starts these pays for them.
 */

/** A message as a mailbox shows it: envelope recipients, subject and text (decoded). */
export type ReceivedMail = { to: string[]; from: string; subject: string; text: string };

/** Starts an SMTP server on 127.0.0.1 (a free port) that keeps every message it receives. */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback: no certificate for nodemailer to refuse.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Stops the server; calling it again does nothing. */
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts a second portal instance (`node server.js`) on a free port with `env` added (here
 * SMTP_URL), on the run's DATA_DIR, without seeding the demo and without the timed jobs (else
 * its start would send to the test's SMTP server any reminder that fell due since the main
 * server's last hourly run, racing the invitation the test waits for); resolves once it answers.
 * Sessions live in the shared store, so a browser signed in on the first instance is signed
 * in here too. `stop()` ends it.
 */
export async function startPortalInstance(env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      DEMO_SEED: "false",
      BACKGROUND_JOBS: "false",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://localhost:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second instance exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/favicon.svg`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("second instance did not start within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop };
}
