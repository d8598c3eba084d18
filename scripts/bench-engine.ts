/**
 * Times decide() with 500 active offers against a 50-line cart and measures
 * the compiled storefront config. Run: npx vite-node scripts/bench-engine.ts
 * The last line is machine-readable: BENCH engine {...}.
 */
import { decide, parseStorefrontConfig, type Cart, type FrequencyMemory, type ShopperContext, type StorefrontConfig, type VariantFacts } from "../app/engine";
import { compileStorefrontConfig, storefrontMetafields } from "../app/models/offer-compiler";
import { offerDefinitionSchema, type OfferRecord } from "../app/models/offer.schema";
import { settingsFromRow } from "../app/models/settings.schema";

// Deterministic PRNG so runs are comparable.
let seed = 0x2f6b3a1;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));

const WORDS = ["merino", "wool", "hiking", "socks", "trail", "runner", "leather", "wallet", "ceramic", "mug", "organic", "cotton", "tee", "linen", "shirt", "travel", "bottle", "canvas", "tote", "bag", "wireless", "charger", "phone", "case", "premium", "classic", "everyday", "backpack"];
const PRODUCTS = Array.from({ length: 400 }, (_, i) => ({
  id: String(8_100_000_000_000 + i * 7919),
  handle: `${pick(WORDS)}-${pick(WORDS)}-${pick(WORDS)}`,
  variants: Array.from({ length: int(1, 4) }, (_, j) => String(45_100_000_000_000 + i * 131 + j)),
  price: int(5, 250) * 100 - pick([0, 1, 5]),
}));
const COLLECTIONS = Array.from({ length: 30 }, (_, i) => String(440_000_000_000 + i));
const TAGS = ["summer", "gift", "outdoor", "eco", "new", "bestseller"];

const settings = settingsFromRow({ capBps: 2500, maxPerSession: 1, cooldownDays: 7, paused: false, defaultLocale: "en" });

function offer(i: number): OfferRecord {
  const type = pick(["UPSELL", "CROSS_SELL", "CROSS_SELL", "BUNDLE"] as const);
  const p = () => pick(PRODUCTS);
  const ref = (x: (typeof PRODUCTS)[number]) => ({ productId: `gid://shopify/Product/${x.id}`, handle: x.handle, title: x.handle, variantIds: x.variants.slice(0, int(1, x.variants.length)).map((v) => `gid://shopify/ProductVariant/${v}`) });
  const trig = p();
  const kind = int(0, 3);
  const definition = offerDefinitionSchema.parse({
    trigger: {
      match: "ANY",
      products: kind === 0 || type === "UPSELL" ? [{ id: `gid://shopify/Product/${trig.id}` }] : [],
      collections: kind === 1 ? [{ id: `gid://shopify/Collection/${pick(COLLECTIONS)}` }] : [],
      tags: kind === 2 ? [pick(TAGS)] : [],
      subtotalMin: kind === 3 ? int(20, 80) * 100 : null,
    },
    items: type === "UPSELL" ? [] : Array.from({ length: int(1, 3) }, () => ref(p())),
    upgrades: type === "UPSELL" ? [{ from: { productId: `gid://shopify/Product/${trig.id}` }, to: ref(p()) }] : [],
    discount: type === "BUNDLE" ? { kind: "PERCENT", bps: 1500 } : pick([{ kind: "NONE" }, { kind: "PERCENT", bps: 1000 }, { kind: "FIXED", amount: 500 }]),
    delayMs: pick([0, 500, 1500]),
    timezone: "Europe/Berlin",
    startsAtLocal: rnd() < 0.3 ? "2026-01-01T00:00" : null,
    endsAtLocal: rnd() < 0.3 ? "2027-12-31T23:59" : null,
    content: {
      en: {
        headline: `Complete your ${trig.handle.replace(/-/g, " ")}`,
        body: "Pairs perfectly with what you picked. Loved by 2,000+ customers; free returns for 30 days.",
        accept: "Add to cart",
        decline: "No thanks",
      },
    },
    abVariants: rnd() < 0.2 ? [{ id: "a", weight: 1 }, { id: "b", weight: 1, discount: { kind: "PERCENT", bps: 1500 } }] : [],
    holdoutBps: rnd() < 0.2 ? 500 : 0,
  });
  return { id: cuid(i), name: `Offer ${i}`, status: "ACTIVE", type, priority: int(0, 10), moments: "ADD_TO_CART,CART", definition };
}

// Prisma's cuid(): 25 characters, which is what every offer id really costs.
const cuid = (i: number) => ("cm" + (1_700_000_000_000 + i * 7_919).toString(36) + Math.floor(rnd() * 36 ** 8).toString(36).padStart(8, "0") + i.toString(36).padStart(7, "0")).slice(0, 25);
const offers = Array.from({ length: 500 }, (_, i) => offer(i));
const collections = Object.fromEntries(COLLECTIONS.map((c) => [c, Array.from({ length: 12 }, () => pick(PRODUCTS).id)]));
const compiled = compileStorefrontConfig(offers, settings, { collections });
const fields = storefrontMetafields(compiled);
const configBytes = Buffer.byteLength(fields[0]?.value ?? "", "utf8");
for (const f of fields) console.log(`metafield ${f.key}: ${Buffer.byteLength(f.value, "utf8")} bytes`);
// Decide on what the storefront really holds: the metafields parsed back, as the embed does.
const parsed = parseStorefrontConfig(fields[0]?.value, ...fields.slice(1).map((f) => f.value));
if (!parsed) throw new Error("the compiled config did not parse back");
const config: StorefrontConfig = parsed;

const variants: Record<string, VariantFacts> = {};
for (const pr of PRODUCTS) for (const v of pr.variants) variants[v] = { unitPrice: pr.price, available: true, inventory: 20 };
const cart: Cart = {
  currency: "EUR",
  rateMicros: 1_000_000,
  lines: Array.from({ length: 50 }, (_, i) => {
    const pr = pick(PRODUCTS);
    return { key: `k${i}`, productId: pr.id, variantId: pr.variants[0] ?? "", quantity: int(1, 3), unitPrice: pr.price, tags: [pick(TAGS)] };
  }),
  variants,
};
const ctx: ShopperContext = { moment: "CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "v-3f9a2c" };
const memory: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
const now = Date.UTC(2026, 5, 1);

// Worst case for the loop: nothing qualifies, so every offer is evaluated and explained.
const noneShown: FrequencyMemory = { ...memory, shownThisSession: 1 };
function time(mem: FrequencyMemory, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    decide(config, cart, { ...ctx, visitorId: `v${i % 97}` }, mem, now);
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return out.sort((a, b) => a - b);
}
time(noneShown, 300); // warm-up
const shown = decide(config, cart, ctx, memory, now);
console.log(`decide shows: ${shown.show ? shown.offerId : "nothing"}`);
const samples = time(noneShown, 3000);
const q = (p: number) => Math.round((samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0) * 10) / 10;
const cpu0 = process.cpuUsage();
for (let i = 0; i < 1000; i++) decide(config, cart, ctx, noneShown, now);
const cpu = process.cpuUsage(cpu0);
console.log(`decide (nothing shows): ${((cpu.user + cpu.system) / 1000).toFixed(1)} µs CPU time per call (mean of 1000)`);
const best = time(memory, 3000);
console.log(`decide (an offer shows): p50 ${best[1500]?.toFixed(1)} µs, p95 ${best[2850]?.toFixed(1)} µs`);
console.log(`decide (nothing shows, all 500 explained): p50 ${q(0.5)} µs, p95 ${q(0.95)} µs`);
console.log(`BENCH engine ${JSON.stringify({ offers: 500, lines: 50, p50_us: q(0.5), p95_us: q(0.95), config_bytes: configBytes })}`);
