// npm run bench:ingest — the real server (production build, SQLite) on 127.0.0.1,
// driven by autocannon for 30 s with signed app proxy beacons of 10 events each.
// Last line: BENCH ingest {"events_per_s":…,"p99_ms":…,"sent":…,"stored":…}
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
// Closed loop: mean latency = connections / throughput (Little's law), so p99 <= 50 ms at
// ~200 beacons/s needs a handful of connections, not hundreds.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const EVENTS_PER_BEACON = 10;
const SHOP = "bench-shop.myshopify.com";
// Warm-up beacons go to another shop, so their late completions never count as stored.
const WARM_SHOP = "bench-warmup.myshopify.com";
const TYPES = ["impression", "click", "accept", "decline"];
const HARD_LIMIT_MS = (DURATION_S + 300) * 1000;

const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-bench-"));
const dbFile = path.join(dir, "bench.sqlite");
// Inside the project (git-ignored .cache/) so the server build resolves node_modules.
const buildDir = path.resolve(".cache", `bench-ingest-${process.pid}`);
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${dbFile}`,
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: "http://127.0.0.1",
  SCOPES: "read_products,read_orders,write_app_proxy",
  BENCH_BUILD_DIR: buildDir,
  npm_config_loglevel: "error",
};

let server;
const guard = setTimeout(() => {
  console.error(`bench: gave up after ${HARD_LIMIT_MS / 1000} s`);
  server?.kill("SIGKILL");
  process.exit(1);
}, HARD_LIMIT_MS);
guard.unref();

function cleanup() {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  rmSync(buildDir, { recursive: true, force: true });
}

try {
  console.log("bench: migrating a fresh SQLite database");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  seedSession();
  console.log("bench: building the app (remix vite:build, production)");
  execFileSync("npx", ["remix", "vite:build", "--config", "scripts/bench-ingest.vite.config.ts", "--logLevel", "error"], { env, stdio: ["ignore", "ignore", "inherit"] });

  server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []), "scripts/bench-ingest-server.mjs", buildDir], { env, stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise((resolve, reject) => {
    let err = "";
    server.stderr.on("data", (d) => {
      err += d;
      const m = /listening (\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    server.on("exit", (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  console.log(`bench: server on 127.0.0.1:${port}; ${CONNECTIONS} connections for ${DURATION_S} s`);

  // Warm up (JIT, Prisma client, SQLite page cache) so the measurement is the steady state.
  await run(port, 3, WARM_SHOP);
  const { result, acceptedVisitors } = await run(port, DURATION_S, SHOP);
  // Beacons still in flight when autocannon stops may be stored without their 204
  // being counted: settle, then count exactly the events of 204-answered beacons.
  await new Promise((r) => setTimeout(r, 1000));
  const sent = acceptedVisitors.size * EVENTS_PER_BEACON;
  const { stored, storedAll } = countStored(acceptedVisitors);
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const eventsPerS = Math.round(sent / DURATION_S);
  console.log(`requests: ${result.requests.total} (${JSON.stringify(statusCounts)}), errors ${result.errors}, timeouts ${result.timeouts}`);
  console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`events: ${eventsPerS}/s, sent (in 204-answered beacons) ${sent}, stored of those ${stored} (stored in all, incl. in-flight at stop: ${storedAll})`);
  console.log(`machine load average (1 min) at the end: ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`);
  const ok = eventsPerS >= 2000 && result.latency.p99 <= 50 && sent === stored;
  console.log(`goal (>= 2000 events/s, p99 <= 50 ms, sent == stored): ${ok ? "met" : "NOT met"}`);
  console.log(`BENCH ingest ${JSON.stringify({ events_per_s: eventsPerS, p50_ms: result.latency.p50, p99_ms: result.latency.p99, sent, stored })}`);
  cleanup();
  process.exit(0);
} catch (error) {
  console.error("bench failed:", error instanceof Error ? error.message : error);
  cleanup();
  process.exit(1);
}

function run(port, duration, shop) {
  const acceptedVisitors = new Set();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "text/plain;charset=UTF-8" },
            // Each request is a distinct visitor's beacon with fresh event ids,
            // signed the way Shopify's app proxy signs (sorted params, HMAC-SHA256 hex).
            setupRequest: (req, context) => {
              context.visitor = randomUUID();
              return { ...req, path: signedPath(shop), body: beaconBody(context.visitor) };
            },
            onResponse: (status, _body, context) => {
              if (status === 204) acceptedVisitors.add(context.visitor);
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve({ result, acceptedVisitors })),
    );
  });
}

function signedPath(shop) {
  const params = { logged_in_customer_id: "", path_prefix: "/apps/tactful", shop, timestamp: String(Math.trunc(Date.now() / 1000)) };
  const message = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("");
  const signature = createHmac("sha256", API_SECRET_KEY).update(message).digest("hex");
  return `/proxy/events?${new URLSearchParams({ ...params, signature })}`;
}

function beaconBody(visitor) {
  const now = Date.now();
  const events = Array.from({ length: EVENTS_PER_BEACON }, (_, i) => ({
    id: randomUUID(),
    type: TYPES[i % 4],
    offer: `offer-${i % 3}`,
    variant: i % 2 ? "b" : "a",
    bucket: i % 2 ? "b" : "control",
    moment: "ADD_TO_CART",
    ts: now,
    ...(i % 4 === 2 ? { value: 1299, currency: "EUR" } : {}),
  }));
  return JSON.stringify({ v: 1, visitor, session: randomUUID(), events });
}

function seedSession() {
  const db = new Database(dbFile);
  const insert = db.prepare(`INSERT INTO "Session" ("id","shop","state","isOnline","scope","accessToken") VALUES (?,?,?,?,?,?)`);
  for (const shop of [SHOP, WARM_SHOP]) insert.run(`offline_${shop}`, shop, "bench", 0, "write_app_proxy", "bench-token");
  db.close();
}

function countStored(acceptedVisitors) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare(`SELECT "visitor" FROM "AnalyticsEvent" WHERE "shop" = ?`).all(SHOP);
  db.close();
  return { stored: rows.filter((r) => acceptedVisitors.has(r.visitor)).length, storedAll: rows.length };
}
