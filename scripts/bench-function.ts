/*
 * Instruction counts of the discount Function against Shopify's limits
 * (decision records 0061, 0062): the Function bundled as the Shopify CLI
 * bundles it runs in QuickJS compiled to WebAssembly, and every executed
 * Wasm instruction is counted as Wasmtime fuel counts it. Offline: QuickJS,
 * binaryen and esbuild all come from npm.
 *
 * Per shape: input bytes; total = the export's call (JSON.parse of the input,
 * the Function, JSON.stringify of the output) — an upper bound, since Shopify
 * builds the input in its own runtime; own = total minus an empty Function's
 * total on the same input. Each run's output is checked against the same
 * Function run in Node, so the count is of the real path.
 *
 * Run: npm run bench:function. The last line is machine-readable:
 *   BENCH function {"max_function_instructions":…,"realistic_total_instructions":…,"max_input_bytes":…,…}
 */
import { isDeepStrictEqual } from "node:util";
import { CONFIG_VERSION, encodeFunctionConfig, FUNCTION_PRICED_LINES, type FunctionConfig, type FunctionOffer } from "@tactful/engine";
import { cartLinesDiscountsGenerateRun } from "../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { functionMetafieldValue } from "@tactful/engine/function-metafield";
import { input, type LineSpec } from "../extensions/tactful-discount/src/test-input";
import { bundleFunction, EMPTY_FUNCTION, EXPORT, FUNCTION_ENTRY, PRICING_ONLY, runCounted } from "./function-bench/run-function";
import { loadJavyPlugin } from "./function-bench/javy-plugin";
import { FUNCTION_LIMIT_BYTES } from "../app/offers/offer-compiler";
import { CurrencyCode } from "../extensions/tactful-discount/generated/api";

/** Shopify's limits (shopify.dev, Functions: "optimize instruction counts" and input limits). */
const INSTRUCTION_LIMIT = 11_000_000;
const INPUT_LIMIT = 64_000;
/**
 * The largest Function config the admin accepts (decision 0079): what a
 * 200-line cart leaves of the 64,000-byte input, under the metafield's own
 * 10,000. Larger configs are refused at save, so no shape here uses one.
 */
const METAFIELD_LIMIT = FUNCTION_LIMIT_BYTES;

const id = (n: number, k: number) => String(7_000_000_000_000 + n * 1000 + k);

/** A config-filling offer: several triggers of every kind, an A/B override, a schedule. */
function bigOffer(n: number, triggers = 4): FunctionOffer {
  return {
    id: `offer-${n}`,
    type: n % 3 === 0 ? "UPSELL" : "CROSS_SELL",
    trigger: {
      match: "ANY",
      products: Array.from({ length: triggers }, (_, k) => id(n, k)),
      variants: [],
      collections: [String(480_000_000_000 + n)],
      tags: [`tag-${n}`],
    },
    offeredVariants: Array.from({ length: 3 }, (_, k) => id(n, 100 + k)),
    discount: n % 2 === 0 ? { kind: "PERCENT", bps: 1000 } : { kind: "FIXED", amount: 300 },
    variantDiscounts: { b: { kind: "PERCENT", bps: 1500 } },
    capBps: 2500,
    startsAt: Date.UTC(2026, 0, 1),
    endsAt: Date.UTC(2027, 0, 1),
  };
}

/** A typical shop's offer: a couple of trigger products, sometimes a collection, one or two offered variants. */
function plainOffer(n: number): FunctionOffer {
  return {
    id: `offer-${n}`,
    type: n % 4 === 0 ? "UPSELL" : "CROSS_SELL",
    trigger: {
      match: "ANY",
      products: [id(n, 0), id(n, 1)],
      variants: [],
      collections: n % 5 === 0 ? [String(480_000_000_000 + n)] : [],
      tags: [],
    },
    offeredVariants: [id(n, 100), ...(n % 2 ? [id(n, 101)] : [])],
    discount: n % 2 === 0 ? { kind: "PERCENT", bps: 1000 } : { kind: "FIXED", amount: 300 },
    capBps: 2500,
  };
}

const metafieldBytes = (config: FunctionConfig) =>
  new TextEncoder().encode(functionMetafieldValue(encodeFunctionConfig(config), config, "USD")).length;

/** As many offers as fit the metafield limit. */
function fullConfig(make: (n: number) => FunctionOffer): FunctionConfig {
  let best: FunctionConfig | undefined;
  for (let n = 1; ; n++) {
    const config: FunctionConfig = { v: CONFIG_VERSION, offers: Array.from({ length: n }, (_, i) => make(i)) };
    if (metafieldBytes(config) > METAFIELD_LIMIT) break;
    best = config;
  }
  if (!best) throw new Error("not even one offer fits the metafield");
  return best;
}

/** `lines` cart lines cycling through the offers: `shopperPerOffer` trigger lines, then one offer line (prices as Shopify writes yen: "4990.0"). */
function cartFor(config: FunctionConfig, lines: number, shopperPerOffer = 3, yen = false): LineSpec[] {
  const out: LineSpec[] = [];
  for (let i = 0; out.length < lines; i++) {
    const o = config.offers[i % config.offers.length] as FunctionOffer;
    const trigger = o.trigger.products[i % Math.max(1, o.trigger.products.length)] ?? id(i, 0);
    for (let k = 0; k < shopperPerOffer && out.length < lines; k++)
      out.push({
        variant: `${trigger}${k}`,
        product: trigger,
        price: yen ? "4990.0" : "49.90",
        quantity: 1 + (k % 2),
        tags: [`tag-${i}`],
      });
    if (out.length < lines)
      out.push({
        variant: o.offeredVariants[0] as string,
        product: `p${o.id}`,
        price: yen ? "1200.0" : "12.00",
        offer: o.id,
        ...(i % 4 === 0 ? { abVariant: "b" } : {}),
      });
  }
  return out;
}

function mostDiscounted(config: FunctionConfig, lines: number): LineSpec[] {
  const o = config.offers[0] as FunctionOffer;
  const out: LineSpec[] = [{ variant: `${o.trigger.products[0]}0`, product: o.trigger.products[0] as string, price: "9999.00", quantity: 9 }];
  for (let k = 1; k < lines; k++) out.push({ variant: o.offeredVariants[0] as string, product: `p${o.id}`, price: "1.00", offer: o.id, abVariant: `x${k}` });
  return out;
}

interface Shape {
  name: string;
  config: FunctionConfig;
  lines: LineSpec[];
  /** The same shape at n lines, for the largest carts: how many lines fit the instruction limit. */
  grow?: (n: number) => Shape;
  currency?: CurrencyCode;
}

const inputJson = (s: Shape) => JSON.stringify(input(s.config, s.lines, s.currency ? { currency: s.currency } : {}));
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The most lines (built by `lines(n)`) whose input stays within the input limit. */
function largestCart(name: string, config: FunctionConfig, lines: (n: number) => LineSpec[], currency?: CurrencyCode): Shape {
  const shape = (n: number): Shape => ({ name, config, lines: lines(n), ...(currency ? { currency } : {}) });
  let n = 1;
  while (bytes(inputJson(shape(n + 1))) <= INPUT_LIMIT) n++;
  return { ...shape(n), name: `${name} (${n} lines)`, grow: shape };
}

const realisticConfig: FunctionConfig = {
  v: CONFIG_VERSION,
  offers: Array.from({ length: 20 }, (_, i) => plainOffer(i)),
};
const fullBig = fullConfig((n) => bigOffer(n));
const manyTriggers = fullConfig((n) => bigOffer(n, 40));

/** An automatic cross-sell (decision 0086): no variant list, its rule, ten excluded products. */
const automatic = (o: FunctionOffer): FunctionOffer => ({ ...o, type: "CROSS_SELL", offeredVariants: [], auto: { excludeProducts: Array.from({ length: 10 }, (_, k) => id(900, k)) } });
const autoRealistic: FunctionConfig = { ...realisticConfig, offers: realisticConfig.offers.map((o, i) => (i === 0 ? automatic(o) : o)) };
const autoBig: FunctionConfig = { ...fullBig, offers: fullBig.offers.map((o, i) => (i === 0 ? automatic(o) : o)) };
/**
 * An automatic offer that also excludes a collection and two tags (decision 0096): with the realistic
 * config's four trigger collections, they fill the query's slots (5 collections, 2 tags).
 */
const EXCLUDED_COLLECTION = String(490_000_000_000);
const autoExcluding: FunctionConfig = {
  ...realisticConfig,
  offers: realisticConfig.offers.map((o, i) => {
    if (i !== 0) return o;
    const a = automatic(o);
    return { ...a, auto: { ...a.auto, excludeProducts: a.auto?.excludeProducts ?? [], excludeCollections: [EXCLUDED_COLLECTION], excludeTags: ["gift-card", "final-sale"] } };
  }),
};
/** autoLines, every tenth claimed line on an excluded product (the others read every excluded answer: the costlier case). */
function autoLinesExcluding(config: FunctionConfig, lines: number): LineSpec[] {
  return autoLines(config, lines).map((l, k) => (l.offer && k % 10 === 0 ? { ...l, ...(k % 20 === 0 ? { collections: [EXCLUDED_COLLECTION] } : { tags: ["final-sale"] }) } : l));
}
/** Adversarial for the rule: one trigger line, then every line claims the automatic offer, each a different product. */
function autoLines(config: FunctionConfig, lines: number): LineSpec[] {
  const o = config.offers[0] as FunctionOffer;
  const out: LineSpec[] = [{ variant: `${o.trigger.products[0]}0`, product: o.trigger.products[0] as string, price: "9999.00", quantity: 9 }];
  for (let k = 1; k < lines; k++) out.push({ variant: id(700, k), product: id(800, k), price: "1.00", offer: o.id });
  return out;
}

const shapes: Shape[] = [
  {
    name: "tiny (2 lines, 1 offer)",
    config: { v: CONFIG_VERSION, offers: [plainOffer(0)] },
    lines: cartFor({ v: CONFIG_VERSION, offers: [plainOffer(0)] }, 2, 1),
  },
  { name: "realistic (10 lines, 20 offers)", config: realisticConfig, lines: cartFor(realisticConfig, 10) },
  { name: `largest config (${fullBig.offers.length} offers, 10 lines)`, config: fullBig, lines: cartFor(fullBig, 10) },
  { name: `200 lines, largest config`, config: fullBig, lines: cartFor(fullBig, 200) },
  { name: "200 lines, realistic config", config: realisticConfig, lines: cartFor(realisticConfig, 200) },
  largestCart("largest cart, largest config", fullBig, (n) => cartFor(fullBig, n)),
  largestCart("largest cart, realistic config", realisticConfig, (n) => cartFor(realisticConfig, n)),
  // Adversarial: every line claims an offer; every offer has as many trigger products as fit.
  largestCart(`every line an offer line, largest config`, fullBig, (n) => cartFor(fullBig, n, 0)),
  largestCart(`many triggers (${manyTriggers.offers.length} offers x 40 products)`, manyTriggers, (n) =>
    cartFor(manyTriggers, n, 1),
  ),
  // Adversarial: one pricey trigger line, every other line a discounted offer line (forged A/B arms keep Shopify from merging them).
  largestCart("most discounted lines, largest config", fullBig, (n) => mostDiscounted(fullBig, n)),
  // A yen shop: no fraction digits, and Shopify still writes "4990.0" (decision 0082's price reader).
  largestCart("largest cart, realistic config, yen", realisticConfig, (n) => cartFor(realisticConfig, n, 3, true), CurrencyCode.Jpy),
  // Automatic cross-sells (decision 0086): a realistic cart, and every line claiming one, each a different product.
  { name: "automatic offer, realistic config (10 lines)", config: autoRealistic, lines: [...autoLines(autoRealistic, 4), ...cartFor(autoRealistic, 6)] },
  largestCart("every line claims the automatic offer, largest config", autoBig, (n) => autoLines(autoBig, n)),
  // The same with excluded collections and tags (decision 0096): the slot answers of every claimed line are read.
  { name: "automatic offer excluding a collection and tags, realistic config (10 lines)", config: autoExcluding, lines: [...autoLinesExcluding(autoExcluding, 4), ...cartFor(autoExcluding, 6)] },
  largestCart("every line claims the automatic offer excluding a collection and tags, realistic config", autoExcluding, (n) => autoLinesExcluding(autoExcluding, n)),
];

/*
 * Each family of largest carts again at the most lines the Function prices
 * (decision 0097): longer carts are answered "no discount" before a line is
 * read, so these are the costliest runs that price anything.
 */
for (const s of shapes.slice()) {
  if (!s.grow) continue;
  const family = s.name.replace(/ \(\d+ lines\)$/, "");
  shapes.push({ ...s.grow(FUNCTION_PRICED_LINES), name: `${family}, at the Function's cart length (${FUNCTION_PRICED_LINES} lines)` });
}

if (process.env.BENCH_DUMP) {
  const { writeFileSync, mkdirSync } = await import("node:fs");
  mkdirSync(process.env.BENCH_DUMP, { recursive: true });
  shapes.forEach((s, i) => writeFileSync(`${process.env.BENCH_DUMP}/${i}.json`, inputJson(s)));
  process.exit(0);
}
const fn = await bundleFunction({ path: FUNCTION_ENTRY });
const empty = await bundleFunction({ source: EMPTY_FUNCTION });
/** The pricing alone, at any cart length: where it stops fitting the limit says how much room FUNCTION_PRICED_LINES leaves. */
const pricing = await bundleFunction({ source: PRICING_ONLY });
console.log(`Function bundle: ${bytes(fn)} bytes (esbuild, ESM, minified)`);

/**
 * Shopify's own runtime (decision 0093), when SHOPIFY_JAVY_PLUGIN names the
 * plugin file: the counts production makes. Without it, the npm model only.
 */
const pluginPath = process.env.SHOPIFY_JAVY_PLUGIN;
const plugin = pluginPath
  ? await (async () => {
      const p = await loadJavyPlugin(pluginPath);
      const [fnCode, emptyCode, pricingCode] = [await p.compile(fn), await p.compile(empty), await p.compile(pricing)];
      console.log(`Shopify's Javy plugin: ${pluginPath}; the Function's bytecode ${fnCode.length} bytes`);
      return {
        own: async (json: string) => {
          const value = JSON.parse(json) as unknown;
          const run = await p.run(fnCode, value, EXPORT);
          const base = await p.run(emptyCode, value, EXPORT);
          return { run, total: run.instructions, decoding: base.instructions };
        },
        /** The pricing's total without the cart-length rule. */
        pricingTotal: async (json: string) => (await p.run(pricingCode, JSON.parse(json) as unknown, EXPORT)).instructions,
        load: async () => (await p.run(fnCode, {}, undefined)).instructions - (await p.run(emptyCode, {}, undefined)).instructions,
      };
    })()
  : undefined;
if (!plugin)
  console.log(
    "Shopify's Javy plugin not given (SHOPIFY_JAVY_PLUGIN=path/to/shopify_functions_javy_v4.wasm): counts below are the npm QuickJS model's only (0061), which 0093 found to undercount production's own instructions",
  );

interface Row {
  shape: string;
  lines: number;
  offers: number;
  input_bytes: number;
  accepted: boolean;
  discounted: number;
  total: number;
  decoding: number;
  own: number;
  /** The same counts on Shopify's runtime, when the plugin is given. */
  shopify?: { total: number; decoding: number; own: number };
}
const rows: Row[] = [];
let loadInstructions = 0;
for (const s of shapes) {
  const json = inputJson(s);
  const run = await runCounted(fn, json);
  const base = await runCounted(empty, json);
  loadInstructions = run.loadInstructions;
  const expected = cartLinesDiscountsGenerateRun(JSON.parse(json));
  if (!isDeepStrictEqual(run.output, JSON.parse(JSON.stringify(expected))))
    throw new Error(`${s.name}: QuickJS and Node disagree on the Function's output`);
  let shopify: Row["shopify"];
  if (plugin) {
    const p = await plugin.own(json);
    if (!isDeepStrictEqual(p.run.output, JSON.parse(JSON.stringify(expected))))
      throw new Error(`${s.name}: Shopify's runtime and Node disagree on the Function's output`);
    shopify = { total: p.total, decoding: p.decoding, own: p.total - p.decoding };
  }
  const discounted = expected.operations.reduce((n, op) => n + (op.productDiscountsAdd?.candidates.reduce((k, c) => k + c.targets.length, 0) ?? 0), 0);
  const inputBytes = bytes(json);
  rows.push({
    shape: s.name,
    lines: s.lines.length,
    offers: s.config.offers.length,
    input_bytes: inputBytes,
    accepted: inputBytes <= INPUT_LIMIT,
    discounted,
    total: run.instructions,
    decoding: base.instructions,
    own: run.instructions - base.instructions,
    ...(shopify ? { shopify } : {}),
  });
}

const m = (n: number) => `${(n / 1e6).toFixed(2)}M`;
const unpriced = (r: Row) => (r.lines > FUNCTION_PRICED_LINES ? ` [over ${FUNCTION_PRICED_LINES} lines: no discount, 0097]` : "");
console.log(`Compiling and initializing the bundle: ${m(loadInstructions)} (not in the counts below: Javy compiles to bytecode ahead of time)`);
console.log("");
console.log(
  "shape | lines | offers | input bytes | discounted | total (incl. decoding) | decoding | own | total / 11M",
);
for (const r of rows)
  console.log(
    `${r.shape}${unpriced(r)} | ${r.lines} | ${r.offers} | ${r.input_bytes}${r.accepted ? "" : " (over 64,000: refused)"} | ${r.discounted} | ${m(r.total)} | ${m(r.decoding)} (${Math.round((100 * r.decoding) / r.total)}%) | ${m(r.own)} | ${Math.round((100 * r.total) / INSTRUCTION_LIMIT)}%`,
  );
if (plugin) {
  console.log("");
  console.log(`On Shopify's runtime (the Javy plugin; loading the Function's bytecode and evaluating its module: ${m(await plugin.load())} a run, in own):`);
  console.log("shape | total | decoding (readInput, writeOutput of nothing) | own | total / 11M");
  for (const r of rows)
    if (r.shopify)
      console.log(
        `${r.shape}${unpriced(r)} | ${m(r.shopify.total)} | ${m(r.shopify.decoding)} (${Math.round((100 * r.shopify.decoding) / r.shopify.total)}%) | ${m(r.shopify.own)} | ${Math.round((100 * r.shopify.total) / INSTRUCTION_LIMIT)}%`,
      );
}

/** The most lines (built as the realistic shapes are) whose pricing total stays within the budget: where pricing stops fitting, the cart-length rule aside. */
async function linesWithinBudget(config: FunctionConfig, total: (json: string) => Promise<number>): Promise<number> {
  let lo = 1;
  let hi = 200;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const json = JSON.stringify(input(config, cartFor(config, mid)));
    if ((await total(json)) <= INSTRUCTION_LIMIT) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
const modelTotal = async (json: string) => (await runCounted(pricing, json)).instructions;
const fitsRealistic = await linesWithinBudget(realisticConfig, modelTotal);
const fitsFull = await linesWithinBudget(fullBig, modelTotal);
console.log(`The Function prices carts of up to ${FUNCTION_PRICED_LINES} lines (0097). Without that rule, the most lines priced within ${m(INSTRUCTION_LIMIT)} total: ${fitsRealistic} (realistic config), ${fitsFull} (largest config)`);
const shopifyFits = plugin
  ? {
      realistic: await linesWithinBudget(realisticConfig, plugin.pricingTotal),
      full: await linesWithinBudget(fullBig, plugin.pricingTotal),
    }
  : undefined;
/** Per family of largest carts, on Shopify's runtime: the most lines whose total stays within the limit. */
const familyFits: { shape: string; lines: number }[] = [];
if (plugin && shopifyFits) {
  console.log(`On Shopify's runtime, without the rule, most lines priced within ${m(INSTRUCTION_LIMIT)} total: ${shopifyFits.realistic} (realistic config), ${shopifyFits.full} (largest config); by shape:`);
  for (const s of shapes) {
    if (!s.grow || s.lines.length <= FUNCTION_PRICED_LINES) continue;
    const grow = s.grow;
    let lo = 1;
    let hi = s.lines.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((await plugin.pricingTotal(inputJson(grow(mid)))) <= INSTRUCTION_LIMIT) lo = mid;
      else hi = mid - 1;
    }
    familyFits.push({ shape: s.name.replace(/ \(\d+ lines\)$/, ""), lines: lo });
    console.log(`  ${s.name.replace(/ \(\d+ lines\)$/, "")}: ${lo} lines`);
  }
}

const accepted = rows.filter((r) => r.accepted);
const realistic = rows.find((r) => r.shape.startsWith("realistic")) as Row;
const worst = accepted.reduce((a, b) => (b.own > a.own ? b : a));
const summary = {
  max_function_instructions: worst.own,
  max_function_shape: worst.shape,
  max_total_instructions: Math.max(...accepted.map((r) => r.total)),
  realistic_total_instructions: realistic.total,
  realistic_function_instructions: realistic.own,
  max_input_bytes: Math.max(...rows.map((r) => r.input_bytes)),
  max_accepted_lines: Math.max(...accepted.map((r) => r.lines)),
  function_priced_lines: FUNCTION_PRICED_LINES,
  lines_within_limit_realistic_config: fitsRealistic,
  lines_within_limit_largest_config: fitsFull,
  instruction_limit: INSTRUCTION_LIMIT,
  input_limit: INPUT_LIMIT,
  function_bundle_bytes: bytes(fn),
  runtime: plugin ? "npm QuickJS model and Shopify's Javy plugin" : "npm QuickJS model",
  ...(plugin && shopifyFits
    ? (() => {
        const measured = accepted.map((r) => r.shopify as NonNullable<Row["shopify"]>);
        const real = realistic.shopify as NonNullable<Row["shopify"]>;
        return {
          shopify_max_function_instructions: Math.max(...measured.map((x) => x.own)),
          shopify_max_total_instructions: Math.max(...measured.map((x) => x.total)),
          shopify_realistic_total_instructions: real.total,
          shopify_realistic_function_instructions: real.own,
          shopify_lines_within_limit_realistic_config: shopifyFits.realistic,
          shopify_lines_within_limit_largest_config: shopifyFits.full,
          shopify_lines_within_limit_worst_shape: Math.min(...familyFits.map((f) => f.lines)),
        };
      })()
    : {}),
};
console.log(`BENCH function ${JSON.stringify(summary)}`);
