/**
 * Times the admin pages that show figures, with 1,000 offers and 90 days of
 * analytics, through their real loaders: a signed session token, Shopify's
 * authenticate.admin, the repo's fake Admin API (tests/admin/fake-admin-api.ts,
 * answering in-process, so Shopify's own network time is not in the figures),
 * and a real database: SQLite by default, PostgreSQL when BENCH_DATABASE_URL
 * names one (`bash scripts/with-postgres.sh sh -c 'BENCH_DATABASE_URL=$TEST_POSTGRES_URL npm run bench:admin'`).
 *
 * The data (deterministic, the same every run): 1,000 offers (400 active, 250
 * paused, 200 drafts, 150 archived) over a catalogue of 300 products; for each
 * of the last 90 UTC days, 3,000 impressions spread over the 650 offers that
 * ever ran (a few offers take most of them), 10% of them clicked, 4% accepted,
 * 25% declined; 70% of accepts become an attributed order line; 60 offers run an
 * A/B test and 40 a 10% holdout, with 400 experiment orders a day. Daily rollups
 * come from the app's own rollup over those events, as the daily job leaves them.
 *
 * Run: npm run bench:admin. The last line is machine-readable:
 * BENCH admin {"offers":1000,"days":90,"analytics_index_p95_ms":…,…}.
 * BENCH_RUNS sets the timed runs per case (default 20, after 3 warm-ups).
 */
// First: MSW must patch fetch before the Shopify library captures it.
import { FakeAdminApi, useFakeAdmin as serveFakeAdmin, adminServer } from "../tests/admin/fake-admin-api";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
  TEST_SHOP,
  TEST_SHOP_NAME,
} from "@shopify/shopify-api/test-helpers";
import { MOMENTS } from "@tactful/engine/types";

const OFFERS = 1000;
const DAYS = 90;
const PRODUCTS = 300;
const IMPRESSIONS_PER_DAY = 3000;
const EXPERIMENT_ORDERS_PER_DAY = 400;
const AB_OFFERS = 60;
const HOLDOUT_OFFERS = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;

const postgresUrl = process.env.BENCH_DATABASE_URL;
// BENCH_SQLITE_FILE keeps the seeded database for the next run (seeding takes minutes; it is reseeded on another UTC day).
const keptFile = process.env.BENCH_SQLITE_FILE ? path.resolve(process.env.BENCH_SQLITE_FILE) : null;
const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-bench-admin-"));
process.env.DATABASE_URL = postgresUrl ?? `file:${keptFile ?? path.join(dir, "bench.sqlite")}`;
process.env.NODE_ENV = "production";
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES =
  "read_products,read_discounts,write_discounts,read_orders,write_app_proxy,read_themes,read_locales,unauthenticated_read_product_listings";
execFileSync("node", ["scripts/db-migrate.mjs"], { env: process.env, stdio: "pipe" });

const { default: db } = await import("../app/platform/db.server");
const { sessionStorage } = await import("../app/shopify.server");
const { rollupRange } = await import("../app/analytics/rollup.server");
const { addDays, utcDay } = await import("../app/analytics/day");
const { loader: homeLoader } = await import("../app/routes/app._index");
const { loader: offersLoader } = await import("../app/routes/app.offers._index");
const { loader: analyticsLoader } = await import("../app/routes/app.analytics._index");
const { loader: offerAnalyticsLoader } = await import("../app/routes/app.analytics.$offerId");

// Deterministic PRNG so runs are comparable.
let seed = 0x5eed;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const WORDS = [
  "Merino",
  "Trail",
  "Leather",
  "Ceramic",
  "Organic",
  "Linen",
  "Travel",
  "Canvas",
  "Wireless",
  "Premium",
  "Everyday",
  "Winter",
  "Summer",
];
const NOUNS = ["socks", "upgrade", "bundle", "wallet", "mug", "tote", "charger", "case", "kit", "care pack"];
const productGid = (i: number) => `gid://shopify/Product/${1000 + i}`;
const variantGid = (i: number) => `gid://shopify/ProductVariant/${5000 + i}`;
const productTitle = (i: number) => `${WORDS[i % WORDS.length]} ${NOUNS[i % NOUNS.length]} ${i}`;

// ---- The shop: Admin API, session, offers ----
const api = new FakeAdminApi();
for (let i = 0; i < PRODUCTS; i++) {
  api.products.set(productGid(i), {
    id: productGid(i),
    handle: `product-${i}`,
    title: productTitle(i),
    variants: [{ id: variantGid(i), title: "Default", price: (10 + (i % 90)).toFixed(2) }],
  });
}
serveFakeAdmin(api);
await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, expires: new Date(Date.now() + 3_600_000) }));

const today = utcDay(Date.now());
const firstDay = addDays(today, -(DAYS - 1));
const reuse =
  !postgresUrl &&
  keptFile !== null &&
  (await db.offer.count({ where: { shop: TEST_SHOP } })) === OFFERS &&
  (await db.analyticsEvent.count({ where: { shop: TEST_SHOP, day: today } })) > 0;
const statuses = [
  ...Array(400).fill("ACTIVE"),
  ...Array(250).fill("PAUSED"),
  ...Array(200).fill("DRAFT"),
  ...Array(150).fill("ARCHIVED"),
] as string[];
const offerIds = Array.from({ length: OFFERS }, (_, i) => `bench-offer-${String(i).padStart(4, "0")}`);
// Offers 0..59 run an A/B test, 60..99 a holdout; the busiest offers are among them, as merchants test what sells.
const abOf = (i: number) => i < AB_OFFERS;
const holdoutOf = (i: number) => i >= AB_OFFERS && i < AB_OFFERS + HOLDOUT_OFFERS;
if (!reuse) {
  await db.$transaction([
    db.offer.deleteMany(),
    db.analyticsEvent.deleteMany(),
    db.conversion.deleteMany(),
    db.experimentOrder.deleteMany(),
    db.dailyStat.deleteMany(),
  ]);
  await db.offer.createMany({
    data: offerIds.map((id, i) => {
      const trigger = i % PRODUCTS;
      const offered = (i * 7 + 13) % PRODUCTS;
      return {
        id,
        shop: TEST_SHOP,
        name: `${pick(WORDS)} ${pick(NOUNS)} #${i}`,
        status: statuses[(i * 37) % OFFERS] ?? "DRAFT",
        type: pick(["CROSS_SELL", "CROSS_SELL", "UPSELL", "BUNDLE"]),
        priority: Math.floor(rnd() * 200) - 100,
        moments: MOMENTS.filter(() => rnd() < 0.4).join(",") || "CART",
        definition: {
          trigger: {
            match: "ANY",
            products: [{ id: productGid(trigger), title: productTitle(trigger), handle: `product-${trigger}` }],
            variants: [],
            collections: [],
            tags: [],
            subtotalMin: null,
            subtotalMax: null,
            itemsMin: null,
            itemsMax: null,
          },
          segment: {
            customer: "ANY",
            tagsInclude: [],
            tagsExclude: [],
            history: "ANY",
            countries: [],
            markets: [],
            locales: [],
          },
          items: [
            {
              productId: productGid(offered),
              handle: `product-${offered}`,
              title: productTitle(offered),
              variantIds: [variantGid(offered)],
            },
          ],
          upgrades: [],
          discount: { kind: "PERCENT", bps: 1000 },
          capBps: null,
          delayMs: 0,
          urgency: { lowStockBelow: null, showEndDate: false },
          timezone: "Europe/Berlin",
          startsAtLocal: null,
          endsAtLocal: null,
          content: {
            en: { headline: "Complete the look", body: "Goes well with it.", accept: "Add it", decline: "No thanks" },
          },
          abVariants: abOf(i)
            ? [
                { id: "a", weight: 50 },
                { id: "b", weight: 50, discount: { kind: "PERCENT", bps: 1500 } },
              ]
            : [],
          holdoutBps: holdoutOf(i) ? 1000 : 0,
        },
        updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
      };
    }),
  });
}

// ---- 90 days of analytics ----
// Traffic goes to the 650 offers that ever ran, Zipf-like: offer rank r gets weight 1/(r+1).
const ran = offerIds.filter((_, i) => statuses[(i * 37) % OFFERS] !== "DRAFT" || abOf(i) || holdoutOf(i)).slice(0, 650);
const weights = ran.map((_, r) => 1 / (r + 1));
const cumulative: number[] = [];
weights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
const totalWeight = cumulative[cumulative.length - 1] ?? 1;
const trafficOffer = () => {
  const x = rnd() * totalWeight;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const indexOf = new Map(offerIds.map((id, i) => [id, i]));
const armOf = (offerId: string, visitor: number) => {
  const i = indexOf.get(offerId) ?? 0;
  if (abOf(i)) return visitor % 2 ? "a" : "b";
  if (holdoutOf(i)) return visitor % 10 === 0 ? "holdout" : "";
  return "";
};

const seedStarted = performance.now();
let events = 0;
let conversions = 0;
let experimentOrders = 0;
let orderSeq = 0;
for (let d = 0; d < (reuse ? 0 : DAYS); d++) {
  const day = addDays(firstDay, d);
  const noon = Date.parse(`${day}T12:00:00Z`);
  const rows: Array<Record<string, unknown>> = [];
  const conv: Array<Record<string, unknown>> = [];
  for (let n = 0; n < IMPRESSIONS_PER_DAY; n++) {
    const offerId = ran[trafficOffer()] ?? "bench-offer-0000";
    const visitorN = Math.floor(rnd() * 150_000);
    const visitor = `v${visitorN}`;
    const session = `s${d}-${n}`;
    const arm = armOf(offerId, visitorN);
    const moment = pick(["ADD_TO_CART", "CART", "CHECKOUT"]);
    const ts = new Date(noon + Math.floor(rnd() * 36_000_000));
    const base = {
      shop: TEST_SHOP,
      offerId,
      arm,
      variant: arm === "a" || arm === "b" ? arm : null,
      bucket: arm === "holdout" ? "holdout" : null,
      moment,
      visitor,
      session,
      day,
    };
    rows.push({ ...base, id: `${session}-i`, type: "IMPRESSION", ts });
    if (arm === "holdout") continue; // the holdout saw nothing to click
    const r = rnd();
    if (r < 0.1) rows.push({ ...base, id: `${session}-c`, type: "CLICK", ts });
    if (r < 0.04) {
      rows.push({ ...base, id: `${session}-a`, type: "ACCEPT", ts });
      if (rnd() < 0.7) {
        const revenue = 1000 + Math.floor(rnd() * 9000);
        conv.push({
          shop: TEST_SHOP,
          orderId: `o${++orderSeq}`,
          lineId: "1",
          offerId,
          variant: base.variant,
          quantity: 1,
          revenue,
          currency: "EUR",
          presentmentRevenue: revenue,
          presentmentCurrency: "EUR",
          orderedAt: ts,
          day,
        });
      }
    } else if (r < 0.29) rows.push({ ...base, id: `${session}-d`, type: "DECLINE", ts });
  }
  const expOrders = Array.from({ length: EXPERIMENT_ORDERS_PER_DAY }, () => {
    const i = Math.floor(rnd() * (AB_OFFERS + HOLDOUT_OFFERS));
    const visitorN = Math.floor(rnd() * 150_000);
    const offerId = offerIds[i] ?? "bench-offer-0000";
    const revenue = 2000 + Math.floor(rnd() * 20_000);
    return {
      shop: TEST_SHOP,
      orderId: `x${++orderSeq}`,
      offerId,
      arm: armOf(offerId, visitorN) || "holdout",
      revenue,
      currency: "EUR",
      presentmentRevenue: revenue,
      presentmentCurrency: "EUR",
      orderedAt: new Date(noon),
      day,
    };
  });
  // Chunks keep each statement under the database's bound-parameter limit.
  for (let k = 0; k < rows.length; k += 2000)
    await db.analyticsEvent.createMany({ data: rows.slice(k, k + 2000) as never });
  for (let k = 0; k < conv.length; k += 2000)
    await db.conversion.createMany({ data: conv.slice(k, k + 2000) as never });
  for (let k = 0; k < expOrders.length; k += 2000)
    await db.experimentOrder.createMany({ data: expOrders.slice(k, k + 2000) });
  events += rows.length;
  conversions += conv.length;
  experimentOrders += expOrders.length;
}
if (!reuse) await rollupRange(db, TEST_SHOP, firstDay, today);
else events = await db.analyticsEvent.count({ where: { shop: TEST_SHOP } });
const dailyStats = await db.dailyStat.count({ where: { shop: TEST_SHOP } });
const seedSeconds = (performance.now() - seedStarted) / 1000;

// ---- The pages ----
type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
const busiestAb = offerIds[0] ?? "";
const busiestPlain = ran.find((id) => !abOf(indexOf.get(id) ?? 0) && !holdoutOf(indexOf.get(id) ?? 0)) ?? "";
const CASES: Array<{ page: string; label: string; loader: Loader; path: string; params?: Record<string, string> }> = [
  {
    page: "analytics_index",
    label: "Analytics, 90 days",
    loader: analyticsLoader as Loader,
    path: "/app/analytics?period=90",
  },
  {
    page: "analytics_index",
    label: "Analytics, 30 days",
    loader: analyticsLoader as Loader,
    path: "/app/analytics?period=30",
  },
  {
    page: "analytics_offer",
    label: "Offer analytics, A/B, 90 days",
    loader: offerAnalyticsLoader as Loader,
    path: `/app/analytics/${busiestAb}?period=90`,
    params: { offerId: busiestAb },
  },
  {
    page: "analytics_offer",
    label: "Offer analytics, busiest, 90 days",
    loader: offerAnalyticsLoader as Loader,
    path: `/app/analytics/${busiestPlain}?period=90`,
    params: { offerId: busiestPlain },
  },
  { page: "offers", label: "Offers, first page, 30 days", loader: offersLoader as Loader, path: "/app/offers" },
  {
    page: "offers",
    label: "Offers, active, 90 days",
    loader: offersLoader as Loader,
    path: "/app/offers?status=ACTIVE&period=90",
  },
  {
    page: "offers",
    label: "Offers, search + priority, p.2",
    loader: offersLoader as Loader,
    path: "/app/offers?q=merino&sort=priority&dir=desc&page=2",
  },
  { page: "home", label: "Home", loader: homeLoader as Loader, path: "/app" },
];

const request = (p: string) =>
  setUpValidRequest(
    { type: RequestType.Bearer, store: TEST_SHOP_NAME, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${p}`),
  );

// A live shop: a few beacons arrive between two page loads (3,000 impressions a day is about two a
// minute; a merchant moving between pages), so every load rolls up today again, as it would.
let live = 0;
async function beaconsArrive() {
  const offerId = ran[live % 20] ?? "bench-offer-0000";
  const base = { shop: TEST_SHOP, offerId, arm: armOf(offerId, live), moment: "CART", visitor: `live${live}`, session: `live${live}`, day: today, ts: new Date() };
  await db.analyticsEvent.createMany({ data: [{ ...base, id: `live-${process.pid}-${live}-i`, type: "IMPRESSION" }, ...(live % 3 === 0 ? [{ ...base, id: `live-${process.pid}-${live}-c`, type: "CLICK" }] : [])] });
  live++;
}

async function time(c: (typeof CASES)[number]): Promise<number> {
  await beaconsArrive();
  const req = await request(c.path); // signing is the client's work, not the loader's
  const t0 = performance.now();
  const result = await c.loader({ request: req, params: c.params ?? {}, context: {} });
  const ms = performance.now() - t0;
  if (!result || typeof result !== "object") throw new Error(`${c.label}: the loader returned nothing`);
  return ms;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

// Silence Shopify's per-request INFO logging: it would be most of what we print.
const log = console.log;
console.log = () => {};
const byPage = new Map<string, number[]>();
const lines: string[] = [];
try {
  for (const c of CASES) {
    for (let i = 0; i < WARMUP; i++) await time(c);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await time(c));
    byPage.set(c.page, [...(byPage.get(c.page) ?? []), ...samples]);
    lines.push(
      `${c.label.padEnd(36)} p50 ${round(quantile(samples, 0.5)).toFixed(1).padStart(7)} ms  p95 ${round(quantile(samples, 0.95)).toFixed(1).padStart(7)} ms`,
    );
  }
} finally {
  console.log = log;
  adminServer.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

const result: Record<string, number | string> = {
  db: postgresUrl ? "postgresql" : "sqlite",
  offers: OFFERS,
  days: DAYS,
  events,
  daily_stats: dailyStats,
};
for (const [page, samples] of byPage) {
  result[`${page}_p50_ms`] = round(quantile(samples, 0.5));
  result[`${page}_p95_ms`] = round(quantile(samples, 0.95));
}
console.log(
  reuse
    ? `reused ${keptFile}: ${OFFERS} offers, ${events} events, ${dailyStats} daily rollup rows (sqlite)`
    : `seeded ${OFFERS} offers, ${events} events, ${conversions} conversions, ${experimentOrders} experiment orders, ${dailyStats} daily rollup rows in ${seedSeconds.toFixed(1)} s (${result.db})`,
);
for (const l of lines) console.log(l);
console.log(
  `${RUNS} runs per case after ${WARMUP} warm-ups, on ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}, node ${process.version}`,
);
console.log(`BENCH admin ${JSON.stringify(result)}`);
