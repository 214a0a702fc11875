// Runs the Playwright suite against the built server on a free port with a throwaway DATA_DIR,
// so tests never touch ./data and two runs never collide.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const port = await new Promise((resolve, reject) => {
  const server = net.createServer();
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
  server.on("error", reject);
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));

const env = {
  ...process.env,
  E2E_PORT: String(port),
  PORT: String(port),
  DATA_DIR: dataDir,
  NODE_ENV: "production",
  DEMO_PASSWORD: "demo-password-for-tests-only",
  PUBLIC_URL: `http://localhost:${port}`,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
};
delete env.SMTP_URL;

const child = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 1);
});
