// npm run bench:ingest — the real server (production build, SQLite) on 127.0.0.1,
// driven by autocannon for 30 s with signed app proxy beacons of 10 events each.
// Last line: BENCH ingest {"events_per_s":…,"p99_ms":…,"sent":…,"stored":…}
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { EVENTS_PER_BEACON, beaconBody, buildApp, clientIp, openBenchDb, serverEnv, signedPath, startServer } from "./bench-beacons.mjs";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
// Closed loop: mean latency = connections / throughput (Little's law), so p99 <= 50 ms at
// ~200 beacons/s needs a handful of connections, not hundreds.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SHOP = "bench-shop.myshopify.com";
// Warm-up beacons go to another shop, so their late completions never count as stored.
const WARM_SHOP = "bench-warmup.myshopify.com";
const HARD_LIMIT_MS = (DURATION_S + 300) * 1000;

const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-bench-"));
const dbFile = path.join(dir, "bench.sqlite");
// Inside the project (git-ignored .cache/) so the server build resolves node_modules.
const buildDir = path.resolve(".cache", `bench-ingest-${process.pid}`);
const env = serverEnv(`file:${dbFile}`, buildDir);

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
  const seed = await openBenchDb(env.DATABASE_URL);
  await seed.seedSessions([SHOP, WARM_SHOP]);
  await seed.close();
  console.log("bench: building the app (remix vite:build, production)");
  buildApp(env);

  const started = await startServer(env, buildDir, process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []);
  server = started.server;
  const { port } = started;
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
              return { ...req, path: signedPath(shop), headers: { ...req.headers, "x-forwarded-for": clientIp() }, body: beaconBody(context.visitor, undefined, shop) };
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

function countStored(acceptedVisitors) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare(`SELECT "visitor" FROM "AnalyticsEvent" WHERE "shop" = ?`).all(SHOP);
  db.close();
  return { stored: rows.filter((r) => acceptedVisitors.has(r.visitor)).length, storedAll: rows.length };
}
