// What the beacon benchmarks (bench-ingest, bench-load) share: the production build in a
// private directory, the server process, app proxy signing, beacon bodies, and the
// benchmark database (SQLite file or PostgreSQL) for seeding sessions and counting rows.
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import Database from "better-sqlite3";
import pg from "pg";

export const EVENTS_PER_BEACON = 10;
const TYPES = ["impression", "click", "accept", "decline"];

/** The server's environment: production, the test helpers' key and secret, the given database. */
export function serverEnv(databaseUrl, buildDir) {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET_KEY,
    SHOPIFY_APP_URL: "http://127.0.0.1",
    SCOPES: "read_products,read_orders,write_app_proxy",
    BENCH_BUILD_DIR: buildDir,
    npm_config_loglevel: "error",
  };
}

/** remix vite:build into buildDir (inside the project, so the build resolves node_modules). */
export function buildApp(env) {
  execFileSync("npx", ["remix", "vite:build", "--config", "scripts/bench-ingest.vite.config.ts", "--logLevel", "error"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Starts scripts/bench-ingest-server.mjs; resolves with the child and its port once it listens. */
export async function startServer(env, buildDir, nodeArgs = []) {
  const server = spawn(process.execPath, [...nodeArgs, "scripts/bench-ingest-server.mjs", buildDir], { env, stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise((resolve, reject) => {
    let err = "";
    server.stderr.on("data", (d) => {
      err += d;
      const m = /listening (\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    server.on("exit", (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { server, port };
}

/** The app proxy path of a beacon, signed the way Shopify signs (sorted params, HMAC-SHA256 hex). */
export function signedPath(shop) {
  const params = { logged_in_customer_id: "", path_prefix: "/apps/tactful", shop, timestamp: String(Math.trunc(Date.now() / 1000)) };
  const message = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("");
  const signature = createHmac("sha256", API_SECRET_KEY).update(message).digest("hex");
  return `/proxy/events?${new URLSearchParams({ ...params, signature })}`;
}

/** The offers a shop's bench beacons name: beacons are stored only for offers the shop has (decision 0059). */
export const benchOfferIds = (shop) => [0, 1, 2].map((i) => `offer-${i}-${shop}`);

/**
 * A client IP as Shopify's app proxy forwards it (X-Forwarded-For). The benches
 * model many shoppers, each its own client, so each beacon gets its own address;
 * the per-client event budget (decision 0059) is not what they measure.
 */
let clients = 0;
export function clientIp() {
  clients = (clients + 1) % 16_777_216;
  return `10.${clients >> 16}.${(clients >> 8) & 255}.${clients & 255}`;
}

/** A beacon of EVENTS_PER_BEACON events with fresh ids; `session` lets a benchmark find its rows. */
export function beaconBody(visitor, session = randomUUID(), shop = "bench-shop.myshopify.com") {
  const offers = benchOfferIds(shop);
  const now = Date.now();
  const events = Array.from({ length: EVENTS_PER_BEACON }, (_, i) => ({
    id: randomUUID(),
    type: TYPES[i % 4],
    offer: offers[i % 3],
    variant: i % 2 ? "b" : "a",
    bucket: i % 2 ? "b" : "control",
    moment: "ADD_TO_CART",
    ts: now,
    ...(i % 4 === 2 ? { value: 1299, currency: "EUR" } : {}),
  }));
  return JSON.stringify({ v: 1, visitor, session, events });
}

/**
 * The benchmark's view of the database, outside the server: seed offline sessions
 * (so beacons are stored), then count what was stored and what was counted as dropped.
 */
export async function openBenchDb(databaseUrl) {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      async seedSessions(shops) {
        for (const shop of shops) {
          await client.query(`INSERT INTO "Session" ("id","shop","state","isOnline","scope","accessToken") VALUES ($1,$2,'bench',false,'write_app_proxy','bench-token')`, [`offline_${shop}`, shop]);
          for (const id of benchOfferIds(shop))
            await client.query(`INSERT INTO "Offer" ("id","shop","name","status","type","moments","definition","updatedAt") VALUES ($1,$2,'Bench','ACTIVE','CROSS_SELL','ADD_TO_CART','{}'::jsonb,now())`, [id, shop]);
        }
      },
      async storedBySession(shop) {
        const { rows } = await client.query(`SELECT "session", COUNT(*)::int AS n FROM "AnalyticsEvent" WHERE "shop" = $1 GROUP BY "session"`, [shop]);
        return new Map(rows.map((r) => [r.session, r.n]));
      },
      async drops(shop) {
        const { rows } = await client.query(`SELECT "reason", SUM("requests")::int AS requests, SUM("events")::int AS events FROM "IngestDrop" WHERE "shop" = $1 GROUP BY "reason"`, [shop]);
        return Object.fromEntries(rows.map((r) => [r.reason, { requests: r.requests, events: r.events }]));
      },
      close: () => client.end(),
    };
  }
  const db = new Database(databaseUrl.replace(/^file:/, ""));
  return {
    async seedSessions(shops) {
      const insert = db.prepare(`INSERT INTO "Session" ("id","shop","state","isOnline","scope","accessToken") VALUES (?,?,?,?,?,?)`);
      const offer = db.prepare(`INSERT INTO "Offer" ("id","shop","name","status","type","moments","definition","updatedAt") VALUES (?,?,'Bench','ACTIVE','CROSS_SELL','ADD_TO_CART','{}',?)`);
      for (const shop of shops) {
        insert.run(`offline_${shop}`, shop, "bench", 0, "write_app_proxy", "bench-token");
        for (const id of benchOfferIds(shop)) offer.run(id, shop, Date.now());
      }
    },
    async storedBySession(shop) {
      const rows = db.prepare(`SELECT "session", COUNT(*) AS n FROM "AnalyticsEvent" WHERE "shop" = ? GROUP BY "session"`).all(shop);
      return new Map(rows.map((r) => [r.session, r.n]));
    },
    async drops(shop) {
      const rows = db.prepare(`SELECT "reason", SUM("requests") AS requests, SUM("events") AS events FROM "IngestDrop" WHERE "shop" = ? GROUP BY "reason"`).all(shop);
      return Object.fromEntries(rows.map((r) => [r.reason, { requests: r.requests, events: r.events }]));
    },
    close: async () => db.close(),
  };
}
