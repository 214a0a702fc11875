// The production build behind nginx with TLS, as the README's deployment chapter sets it up:
// a self-signed certificate for 127.0.0.1, nginx in the foreground with its own prefix in a
// temporary folder, the app on 127.0.0.1 with TRUST_PROXY naming nginx's address. Checks:
// - over HTTPS every page carries HSTS once, and the session cookie is Secure and HttpOnly;
// - X-Forwarded-For is believed from nginx (two visitors behind it are two visitors) and
//   not from anyone else (a direct request cannot pose as another visitor to dodge the
//   submission limit).
// Needs `npm run build` first. Without nginx it says so in one line and passes, unless
// REQUIRE_NGINX=1 (CI), which fails instead.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";

import { freePort } from "./pg-cluster.mjs";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => fs.existsSync(file));
if (!NGINX) {
  if (process.env.REQUIRE_NGINX === "1") {
    console.error("REQUIRE_NGINX=1 but nginx is not installed (apt-get install nginx)");
    process.exit(1);
  }
  console.log("nginx is not installed: the test behind nginx is skipped.");
  process.exit(0);
}
if (!fs.existsSync("build/index.js")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}

/** nginx connects to the app from this address; TRUST_PROXY names it (and nothing else). */
const PROXY_ADDRESS = "127.0.0.2";
const DEMO_PASSWORD = "demo-password-for-tests-only";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nginx-"));
const appPort = await freePort();
const tlsPort = await freePort();
const children = [];
let failed = false;

function check(ok, message) {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failed = true;
}

function cleanUp() {
  for (const child of children) child.kill("SIGTERM");
}

try {
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
    ],
    { stdio: "ignore" },
  );
  const ca = fs.readFileSync(path.join(dir, "cert.pem"));

  const app = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(appPort),
      HOST: "127.0.0.1",
      TRUST_PROXY: PROXY_ADDRESS,
      DATA_DIR: path.join(dir, "data"),
      DEMO_PASSWORD,
      PUBLIC_URL: `https://127.0.0.1:${tlsPort}`,
      FEEDBACK_SUBMISSIONS_PER_HOUR: "1",
      DATABASE_URL_IDENTITY: "",
      DATABASE_URL_RESPONSES: "",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(app);
  let output = "";
  app.stdout.on("data", (chunk) => (output += chunk));
  app.stderr.on("data", (chunk) => (output += chunk));

  fs.mkdirSync(path.join(dir, "nginx", "logs"), { recursive: true });
  const conf = path.join(dir, "nginx", "nginx.conf");
  fs.writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? "user root;" : ""}
daemon off;
worker_processes 1;
pid ${dir}/nginx/nginx.pid;
error_log ${dir}/nginx/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/nginx/body;
  proxy_temp_path ${dir}/nginx/proxy;
  fastcgi_temp_path ${dir}/nginx/fastcgi;
  uwsgi_temp_path ${dir}/nginx/uwsgi;
  scgi_temp_path ${dir}/nginx/scgi;
  upstream portal { server 127.0.0.1:${appPort}; }
  server {
    listen 127.0.0.1:${tlsPort} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 1m;
    location / {
      proxy_pass http://portal;
      proxy_bind ${PROXY_ADDRESS};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host "";
    }
  }
}
`,
  );
  const nginx = spawn(NGINX, ["-p", path.join(dir, "nginx"), "-c", conf, "-e", "stderr"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(nginx);
  let nginxErrors = "";
  nginx.stderr.on("data", (chunk) => (nginxErrors += chunk));

  const deadline = Date.now() + 60_000;
  while (!/"listening"/.test(output)) {
    if (app.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app did not start:\n${output.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const slug = /open link:\s+\S+\/f\/([a-z0-9]+)/.exec(output)?.[1];
  if (!slug) throw new Error("the demo seed printed no open campaign");

  /** One request, over nginx (TLS) or straight to the app, from a chosen local address. */
  function request(via, method, pathname, { from = "127.0.0.1", headers = {}, body } = {}) {
    const direct = via === "direct";
    return new Promise((resolve, reject) => {
      const req = (direct ? http : https).request(
        {
          host: "127.0.0.1",
          port: direct ? appPort : tlsPort,
          method,
          path: pathname,
          localAddress: from,
          ca,
          headers: {
            ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
            ...(body ? { "Content-Length": Buffer.byteLength(body) } : {}),
            ...headers,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }
  const form = (fields) => new URLSearchParams(fields).toString();

  for (let tries = 0; ; tries += 1) {
    const reply = await request("nginx", "GET", "/").catch((error) => error);
    if (reply.status === 200) break;
    if (tries > 50) throw new Error(`nginx did not answer: ${reply}\n${nginxErrors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // HSTS over HTTPS, once (nginx must not add a second one).
  const home = await request("nginx", "GET", "/");
  const hsts = home.headers["strict-transport-security"];
  check(
    typeof hsts === "string" && /max-age=\d{7,}/.test(hsts) && !hsts.includes(","),
    `HTTPS pages carry one HSTS header (${hsts})`,
  );

  // Signing in over HTTPS: the session cookie is Secure (and __Host-, HttpOnly).
  const signInPage = await request("nginx", "GET", "/en/staff/sign-in");
  const csrf = /name="csrf" value="([^"]+)"/.exec(signInPage.text)?.[1] ?? "";
  const signedIn = await request("nginx", "POST", "/en/staff/sign-in", {
    body: form({ csrf, email: "coordinator@demo.example", password: DEMO_PASSWORD }),
  });
  const cookies = signedIn.headers["set-cookie"] ?? [];
  check(
    signedIn.status >= 300 && signedIn.status < 400 && cookies.length > 0,
    `signing in over HTTPS sets a cookie (status ${signedIn.status})`,
  );
  check(
    cookies.every((cookie) => /;\s*Secure/i.test(cookie) && /;\s*HttpOnly/i.test(cookie)),
    "every cookie set over HTTPS is Secure and HttpOnly",
  );

  // X-Forwarded-For: one submission per visitor and hour (FEEDBACK_SUBMISSIONS_PER_HOUR=1).
  async function submit(via, from, headers = {}) {
    const page = await request(via, "GET", `/en/f/${slug}`, { from, headers });
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
    const reply = await request(via, "POST", `/en/f/${slug}/send`, {
      from,
      headers,
      body: form([
        ["page", "review"],
        ["nav", "submit"],
        ["nonce", nonce],
        ["a:first_contact_rights_explained", "yes"],
      ]),
    });
    return reply.status === 302 && String(reply.headers.location).endsWith("/thanks");
  }
  check(await submit("nginx", "127.0.0.3"), "a visitor behind nginx is thanked");
  check(
    await submit("nginx", "127.0.0.4", { "X-Forwarded-For": "127.0.0.3" }),
    "a second visitor behind nginx is another visitor (nginx's X-Forwarded-For is believed, the client's own is replaced)",
  );
  check(
    !(await submit("nginx", "127.0.0.4")),
    "the same visitor behind nginx is held to the limit",
  );
  const spoof = (address) => ({ "X-Forwarded-For": address, "X-Forwarded-Proto": "https" });
  check(
    await submit("direct", "127.0.0.5", spoof("10.0.0.1")),
    "a direct request is served (the limit counts its own address)",
  );
  check(
    !(await submit("direct", "127.0.0.5", spoof("10.0.0.2"))),
    "a direct request cannot pose as another visitor with X-Forwarded-For",
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  cleanUp();
  await new Promise((resolve) => setTimeout(resolve, 200));
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error("The test behind nginx failed.");
  process.exit(1);
}
console.log("Behind nginx: TLS, HSTS, Secure cookies and X-Forwarded-* from the proxy only.");
