// One database's run of `npm run bench:load` (scripts/bench-load.mjs builds the app and calls
// this once per database): node scripts/bench-load-run.mjs sqlite|postgres
// Needs BENCH_BUILD_DIR (a production build) and, for postgres, TEST_POSTGRES_URL
// (scripts/with-postgres.sh). Open loop: beacons leave at a fixed rate whatever the
// server answers, on up to BENCH_LOAD_SOCKETS connections; a beacon due while every
// connection is busy is reported as not sent. Last line: BENCH load {…}
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { EVENTS_PER_BEACON, beaconBody, clientIp, openBenchDb, serverEnv, signedPath, startServer } from "./bench-beacons.mjs";

const kind = process.argv[2];
if (kind !== "sqlite" && kind !== "postgres") throw new Error("usage: bench-load-run.mjs sqlite|postgres");
const buildDir = process.env.BENCH_BUILD_DIR;
if (!buildDir) throw new Error("BENCH_BUILD_DIR is required (scripts/bench-load.mjs sets it)");

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
/** 10× bench:ingest's sustained 1,353 events/s (README), in events per second. */
const EVENTS_PER_S = Number(process.env.BENCH_LOAD_EVENTS_PER_S ?? 13_530);
const BEACONS_PER_S = EVENTS_PER_S / EVENTS_PER_BEACON;
/**
 * Connections the sender keeps open, each carrying one beacon at a time (as many
 * browsers would). A beacon due while all are waiting for an answer is not sent and
 * is reported as such: the server never saw it, so it is neither stored nor rejected.
 * 256 stays under the server's listen backlog (511): past it, connection attempts
 * are dropped and retried by the kernel after 1, 3, 7… s, which measures TCP, not the app.
 */
const SOCKETS = Number(process.env.BENCH_LOAD_SOCKETS ?? 256);
/*
 * All SOCKETS connections are opened before the measured run and kept busy in turn
 * (fifo). A connection opened under load waits in the kernel's accept queue: since
 * libuv 1.45 (Node 20) the server accepts one connection per event-loop turn, and a
 * turn lasts up to ~1 s while SQLite inserts block the loop. Opened mid-run, a burst
 * of ~200 connections took over 30 s to be accepted: the sender gave up, then the
 * server read the request anyway and stored it (stored, never answered). A proxy in
 * front of the app (Shopify's app proxy) keeps its connections open the same way.
 */
const MAX_BACKLOG = SOCKETS;
const REQUEST_TIMEOUT_MS = 30_000;
/** After the last beacon is due, answers are awaited this long; later ones count as "no answer". */
const DRAIN_MS = 20_000;
/** One beacon in 20 comes from one of a few scripted visitors, so the rate limit (429) is exercised too. */
const FLOOD_EVERY = 20;
const FLOOD_VISITORS = Array.from({ length: 8 }, () => randomUUID());
const SHOP = "load-shop.myshopify.com";
// Warm-up beacons go to another shop, so they never mix with the measured ones.
const WARM_SHOP = "load-warmup.myshopify.com";
const HARD_LIMIT_MS = (DURATION_S + 240) * 1000;

const log = (line) => console.log(`[${kind}] ${line}`);
let server;
let dir;
const guard = setTimeout(() => {
  console.error(`bench:load (${kind}): gave up after ${HARD_LIMIT_MS / 1000} s`);
  server?.kill("SIGKILL");
  process.exit(1);
}, HARD_LIMIT_MS);
guard.unref();

try {
  const databaseUrl = await freshDatabase();
  const env = serverEnv(databaseUrl, buildDir);
  log("migrating (npm run setup)");
  execFileSync("npm", ["run", "--silent", "setup"], { env, stdio: "pipe" });
  const db = await openBenchDb(databaseUrl);
  await db.seedSessions([SHOP, WARM_SHOP]);

  // --expose-gc: the heap is read after a full collection (GET /__bench/memory, see bench-ingest-server.mjs).
  const nodeArgs = ["--expose-gc", ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [])];
  const started = await startServer(env, buildDir, nodeArgs);
  server = started.server;
  const target = { port: started.port, agent: new http.Agent({ keepAlive: true, maxSockets: SOCKETS, scheduling: "fifo" }) };
  log(`server pid ${server.pid} on 127.0.0.1:${target.port}`);

  // Warm-up (JIT, database caches) at a tenth of the rate, then the measured run.
  await drive(target, WARM_SHOP, 5, BEACONS_PER_S / 10);
  await openAllSockets(target, WARM_SHOP);
  // Beacons shed before their signature is checked are counted under the shop "" (requests
  // only, see beacon-intake.server.ts); let the warm-up's counts reach the database first.
  await new Promise((r) => setTimeout(r, 6_500));
  const unverifiedBefore = (await db.drops(""))["OVERLOADED"]?.requests ?? 0;
  const rssStart = rssMb(server.pid);
  const heapStart = await heapAfterGcMb(target.port);
  await heapSnapshot(target.port, `${kind}-before`);
  log(`offering ${EVENTS_PER_S} events/s (${BEACONS_PER_S} beacons/s, ${EVENTS_PER_BEACON} events each) for ${DURATION_S} s, ${SOCKETS} sockets; RSS ${rssStart} MB`);
  const run = await drive(target, SHOP, DURATION_S, BEACONS_PER_S, (s) => log(s));
  const rssEnd = run.rssAtEnd;
  const heapEnd = await heapAfterGcMb(target.port);
  await heapSnapshot(target.port, `${kind}-after`);

  // Drop counts reach the database at most 5 s after the last one (DropCounter).
  await new Promise((r) => setTimeout(r, 6_500));
  const storedBySession = await db.storedBySession(SHOP);
  const drops = await db.drops(SHOP);
  const unverifiedShed = ((await db.drops(""))["OVERLOADED"]?.requests ?? 0) - unverifiedBefore;
  await db.close();

  const e = (status) => (run.beaconsByStatus.get(status) ?? 0) * EVENTS_PER_BEACON;
  let storedOfAccepted = 0;
  let storedOfOthers = 0;
  for (const [session, n] of storedBySession) {
    if (run.statusBySession.get(session) === 204) storedOfAccepted += n;
    else storedOfOthers += n;
  }
  const stored = storedOfAccepted + storedOfOthers;
  const sent = run.sentBeacons * EVENTS_PER_BEACON;
  const rejected = e(429) + e(503);
  const unanswered = run.failed * EVENTS_PER_BEACON;
  const otherStatuses = [...run.beaconsByStatus].filter(([s]) => ![204, 429, 503].includes(s));
  // Unverified sheds carry no event count (the body is not read); every load beacon has EVENTS_PER_BEACON.
  const counted = Object.values(drops).reduce((a, d) => a + d.events, 0) + unverifiedShed * EVENTS_PER_BEACON;
  const statusText = JSON.stringify(Object.fromEntries(run.beaconsByStatus));

  log(`beacons due ${run.dueBeacons}, sent ${run.sentBeacons}, not sent (all connections busy) ${run.skipped}; by status ${statusText}; no answer ${run.failed}`);
  log(`latency from due time: p50 ${run.p(50)} ms, p90 ${run.p(90)} ms, p99 ${run.p(99)} ms, max ${run.p(100)} ms; by status p99: ${[...run.latByStatus.keys()].map((s) => `${s} ${run.p(99, s)} ms`).join(", ")}`);
  log(`client: most beacons in flight or waiting ${run.maxBacklog}; connections opened during the run ${run.newSockets} (all ${SOCKETS} were opened before it)`);
  log(`events: sent ${sent} = stored ${stored} + rejected ${rejected} (429: ${e(429)}, 503: ${e(503)}) + no answer ${unanswered}${otherStatuses.length ? ` + other statuses ${JSON.stringify(otherStatuses)}` : ""}`);
  log(`stored: of 204-answered beacons ${storedOfAccepted} of ${e(204)}; of beacons not answered 204: ${storedOfOthers}`);
  log(`IngestDrop (dropped but counted): ${SHOP} ${JSON.stringify(drops)}, shed before verification ${unverifiedShed} requests (×${EVENTS_PER_BEACON} events); total events ${counted} vs rejected ${rejected}`);
  log(`server RSS: ${rssStart} MB after warm-up, ${rssEnd} MB at the end, peak ${run.rssPeak} MB; per 10 s: ${run.rssSeries.join(" ")}`);
  log(`machine load average (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} CPUs`);

  const closes = sent === stored + rejected + unanswered && storedOfAccepted === e(204) && storedOfOthers === 0 && counted === rejected && !otherStatuses.length;
  log(`accounting: ${closes ? "closes (every event sent is stored or counted as dropped)" : "DOES NOT close, see above"}`);
  const growth = rssEnd - rssStart;
  const heapGrowth = heapEnd - heapStart;
  // RSS includes the heap V8 grew to under load and keeps; the live heap after a full GC is what a leak would grow.
  // Goal (issue 16): the live heap after a full GC stays within 1.5× of where it started.
  const heapRatio = heapEnd / heapStart;
  log(`memory: ${heapRatio <= 1.5 ? "flat" : "NOT flat"}: live heap after a full GC ${heapStart} MB before the run, ${heapEnd} MB after it (${heapGrowth >= 0 ? "+" : ""}${heapGrowth} MB, ${heapRatio.toFixed(2)}×; goal: within 1.5×); RSS ${growth >= 0 ? "+" : ""}${growth} MB`);

  const bench = {
    db: kind,
    events_per_s: Math.round(stored / DURATION_S),
    p99_ms: run.p(99),
    sent,
    stored,
    rejected,
    rss_start_mb: rssStart,
    rss_end_mb: rssEnd,
    heap_start_mb: heapStart,
    heap_end_mb: heapEnd,
  };
  cleanup();
  console.log(`BENCH load ${JSON.stringify(bench)}`);
  process.exit(0);
} catch (error) {
  console.error(`bench:load (${kind}) failed:`, error instanceof Error ? error.message : error);
  cleanup();
  process.exit(1);
}

function cleanup() {
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
}

async function freshDatabase() {
  if (kind === "sqlite") {
    dir = mkdtempSync(path.join(os.tmpdir(), "tactful-load-"));
    return `file:${path.join(dir, "load.sqlite")}`;
  }
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error("TEST_POSTGRES_URL is required for postgres (run through scripts/with-postgres.sh)");
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "tactful_load"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = "/tactful_load";
  return url.toString();
}

/** The server's live heap after a full collection, in MB (NaN when it runs without --expose-gc). */
async function heapAfterGcMb(port) {
  const res = await fetch(`http://127.0.0.1:${port}/__bench/memory`);
  const m = await res.json();
  return m.gc ? Math.round(m.heapUsed / 1048576) : NaN;
}

/** With BENCH_HEAP_SNAPSHOTS=<dir>, the server writes a heap snapshot there (for Chrome DevTools' Memory tab or scripts/heap-compare.mjs). */
async function heapSnapshot(port, name) {
  if (!process.env.BENCH_HEAP_SNAPSHOTS) return;
  const res = await fetch(`http://127.0.0.1:${port}/__bench/heapsnapshot?name=${name}`);
  log(`heap snapshot: ${(await res.json()).file}`);
}

/** One warm-up beacon on every connection at once, so the measured run opens none. */
async function openAllSockets(target, shop) {
  const statuses = await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise((resolve) => {
          const body = beaconBody(randomUUID(), undefined, shop);
          const req = http.request(
            { agent: target.agent, host: "127.0.0.1", port: target.port, method: "POST", path: signedPath(shop), headers: { "content-type": "text/plain;charset=UTF-8", "content-length": Buffer.byteLength(body), "x-forwarded-for": clientIp() } },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode));
            },
          );
          req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
          req.on("error", () => resolve(undefined));
          req.end(body);
        }),
    ),
  );
  const open = Object.values(target.agent.freeSockets).reduce((n, list) => n + list.length, 0);
  if (open < SOCKETS) throw new Error(`could not open ${SOCKETS} connections before the run (${open} open; answers ${JSON.stringify(statuses.filter((s) => s !== 204))})`);
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/**
 * Sends `perSecond` beacons a second for `seconds`, open loop, then waits for the
 * last answers. Each beacon has its own session id, so stored rows map back to it.
 */
function drive(target, shop, seconds, perSecond, progress = () => undefined) {
  const statusBySession = new Map();
  const beaconsByStatus = new Map();
  const latByStatus = new Map();
  const all = [];
  const active = new Set();
  const rssSeries = [];
  let rssPeak = 0;
  let sentBeacons = 0;
  let failed = 0;
  let skipped = 0;
  let backlog = 0;
  let maxBacklog = 0;
  let due = 0;
  let newSockets = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;

  const send = (dueAt, n) => {
    const session = randomUUID();
    const visitor = n % FLOOD_EVERY === FLOOD_EVERY - 1 ? FLOOD_VISITORS[(n / FLOOD_EVERY) % FLOOD_VISITORS.length | 0] : randomUUID();
    const body = beaconBody(visitor, session, shop);
    backlog++;
    maxBacklog = Math.max(maxBacklog, backlog);
    sentBeacons++;
    let settled = false;
    const settle = (status) => {
      if (settled) return;
      settled = true;
      backlog--;
      if (status === undefined) {
        failed++;
        return;
      }
      const ms = Math.round(performance.now() - dueAt);
      statusBySession.set(session, status);
      beaconsByStatus.set(status, (beaconsByStatus.get(status) ?? 0) + 1);
      all.push(ms);
      if (!latByStatus.has(status)) latByStatus.set(status, []);
      latByStatus.get(status).push(ms);
    };
    const req = http.request(
      {
        agent: target.agent,
        host: "127.0.0.1",
        port: target.port,
        method: "POST",
        path: signedPath(shop),
        headers: { "content-type": "text/plain;charset=UTF-8", "content-length": Buffer.byteLength(body), "x-forwarded-for": clientIp() },
      },
      (res) => {
        res.resume();
        res.on("end", () => settle(res.statusCode));
        res.on("close", () => settle(res.complete ? res.statusCode : undefined));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", () => settle(undefined));
    req.on("socket", () => {
      if (!req.reusedSocket) newSockets++;
    });
    active.add(req);
    req.on("close", () => {
      active.delete(req);
      if (!req.res) settle(undefined);
    });
    req.end(body);
  };

  return new Promise((resolve) => {
    let lastSample = t0;
    const timer = setInterval(() => {
      const now = performance.now();
      const until = Math.min(now, end);
      const dueNow = Math.floor(((until - t0) * perSecond) / 1000);
      for (; due < dueNow; due++) {
        if (backlog >= MAX_BACKLOG) skipped++;
        else send(t0 + (due * 1000) / perSecond, due);
      }
      if (now - lastSample >= 1000) {
        lastSample = now;
        const rss = rssMb(server.pid);
        rssPeak = Math.max(rssPeak, rss);
        const second = Math.round((now - t0) / 1000);
        if (second % 10 === 0) {
          rssSeries.push(`${second}s:${rss}`);
          progress(`${second} s: sent ${sentBeacons}, answered ${sentBeacons - backlog - failed}, in flight/waiting ${backlog}, RSS ${rss} MB`);
        }
      }
      if (now >= end) {
        clearInterval(timer);
        const rssAtEnd = rssMb(server.pid);
        rssPeak = Math.max(rssPeak, rssAtEnd);
        const giveUpAt = performance.now() + DRAIN_MS;
        const waitAnswers = setInterval(() => {
          if (backlog > 0 && performance.now() < giveUpAt) return;
          // Still unanswered after the drain: abort them, they count as "no answer".
          for (const req of active) req.destroy(new Error("not answered by the end of the drain"));
          if (backlog > 0) return;
          clearInterval(waitAnswers);
          all.sort((a, b) => a - b);
          for (const v of latByStatus.values()) v.sort((a, b) => a - b);
          const p = (q, status) => {
            const xs = status === undefined ? all : (latByStatus.get(status) ?? []);
            if (!xs.length) return 0;
            return xs[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)] ?? 0;
          };
          resolve({ statusBySession, beaconsByStatus, latByStatus, sentBeacons, failed, skipped, maxBacklog, newSockets, dueBeacons: due, rssAtEnd, rssPeak, rssSeries, p });
        }, 50);
      }
    }, 2);
  });
}
