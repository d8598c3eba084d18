/**
 * Times the Offers page loader (app/routes/app.offers._index.tsx) with 1,000
 * offers in a fresh SQLite database: the real route, a signed session token,
 * Shopify's authenticate.admin, the server-side filter/sort/page query.
 * Run: npm run bench:admin. The last line is machine-readable:
 * BENCH admin {"offers":1000,"p50_ms":…,"p95_ms":…} over every case below.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest, setUpValidSession, TEST_SHOP, TEST_SHOP_NAME } from "@shopify/shopify-api/test-helpers";
import { MOMENTS } from "@tactful/engine/types";

const OFFERS = 1000;
const RUNS_PER_CASE = 120;
const WARMUP = 20;

const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-bench-admin-"));
const file = path.join(dir, "bench.sqlite");
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "production";
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES = "read_products,read_discounts,write_discounts,read_orders,write_app_proxy,read_themes,read_locales";
execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });

const { default: db } = await import("../app/platform/db.server");
const { sessionStorage } = await import("../app/shopify.server");
const { loader } = await import("../app/routes/app.offers._index");

// Deterministic PRNG so runs are comparable.
let seed = 0x5eed;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const WORDS = ["Merino", "Trail", "Leather", "Ceramic", "Organic", "Linen", "Travel", "Canvas", "Wireless", "Premium", "Everyday", "Winter", "Summer"];
const NOUNS = ["socks", "upgrade", "bundle", "wallet", "mug", "tote", "charger", "case", "kit", "care pack"];
const definition = {
  trigger: { match: "ANY", products: [{ id: "gid://shopify/Product/1001", title: "Trail sneakers", handle: "trail-sneakers" }], variants: [], collections: [], tags: [], subtotalMin: null, subtotalMax: null, itemsMin: null, itemsMax: null },
  segment: { customer: "ANY", tagsInclude: [], tagsExclude: [], history: "ANY", countries: [], markets: [], locales: [] },
  items: [{ productId: "gid://shopify/Product/1002", handle: "merino-socks", title: "Merino socks", variantIds: ["gid://shopify/ProductVariant/2002"] }],
  upgrades: [],
  discount: { kind: "PERCENT", bps: 1000 },
  capBps: null,
  delayMs: 0,
  urgency: { lowStockBelow: null, showEndDate: false },
  timezone: "Europe/Berlin",
  startsAtLocal: null,
  endsAtLocal: null,
  content: { en: { headline: "Complete the look", body: "Soft merino socks.", accept: "Add socks", decline: "No thanks" } },
  abVariants: [],
  holdoutBps: 0,
};

await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP, expires: new Date(Date.now() + 3_600_000) }));
await db.offer.createMany({
  data: Array.from({ length: OFFERS }, (_, i) => ({
    shop: TEST_SHOP,
    name: `${pick(WORDS)} ${pick(NOUNS)} #${i}`,
    status: pick(["ACTIVE", "ACTIVE", "DRAFT", "PAUSED", "ARCHIVED"]),
    type: pick(["CROSS_SELL", "UPSELL", "BUNDLE"]),
    priority: Math.floor(rnd() * 200) - 100,
    moments: MOMENTS.filter(() => rnd() < 0.4).join(",") || "CART",
    startsAt: rnd() < 0.3 ? new Date(Date.UTC(2026, 10, 1 + Math.floor(rnd() * 28))) : null,
    endsAt: rnd() < 0.3 ? new Date(Date.UTC(2026, 11, 1 + Math.floor(rnd() * 28))) : null,
    definition,
    updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000),
  })),
});

const CASES: Record<string, string> = {
  "first page (default sort)": "",
  "status tab: Active": "?status=ACTIVE",
  "search by name": "?q=merino",
  "type + moment filters": "?type=CROSS_SELL&moment=CART",
  "sort by priority, page 10": "?sort=priority&dir=desc&page=10",
};

const request = (qs: string) =>
  setUpValidRequest({ type: RequestType.Bearer, store: TEST_SHOP_NAME, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(`${APP_URL}/app/offers${qs}`));

async function time(qs: string): Promise<number> {
  const req = await request(qs); // signing is the client's work, not the loader's
  const t0 = performance.now();
  const result = (await loader({ request: req, params: {}, context: {} })) as { offers: unknown[]; total: number };
  const ms = performance.now() - t0;
  if (!Array.isArray(result.offers)) throw new Error("The loader did not return offers");
  return ms;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (n: number) => Math.round(n * 100) / 100;

// Silence Shopify's per-request INFO logging: it would be most of what we time and print.
const log = console.log;
console.log = () => {};
for (let i = 0; i < WARMUP; i++) for (const qs of Object.values(CASES)) await time(qs);
const all: number[] = [];
const lines: string[] = [];
for (const [label, qs] of Object.entries(CASES)) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS_PER_CASE; i++) samples.push(await time(qs));
  all.push(...samples);
  lines.push(`case ${label.padEnd(28)} p50 ${round(quantile(samples, 0.5)).toFixed(2)} ms  p95 ${round(quantile(samples, 0.95)).toFixed(2)} ms`);
}
console.log = log;

await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
for (const l of lines) console.log(l);
console.log(`runs ${all.length} on ${os.cpus().length} cores, node ${process.version}`);
console.log(`BENCH admin ${JSON.stringify({ offers: OFFERS, p50_ms: round(quantile(all, 0.5)), p95_ms: round(quantile(all, 0.95)) })}`);
