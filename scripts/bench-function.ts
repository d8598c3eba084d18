/*
 * Run time of the discount Function's JavaScript (the code Javy would
 * compile) on a 200-line cart with the largest config that fits the
 * ~10,000 bytes a Function may read from one metafield. This measures V8 in
 * Node, not Shopify's Wasm runtime: compiling with Javy needs the Shopify
 * CLI and the network. Input goes through JSON.parse as it would in Javy.
 *
 * Run: npm run bench:function. The last line is machine-readable:
 *   BENCH function {"lines":200,"config_bytes":…,"p50_us":…,"p95_us":…}
 */
import { CONFIG_VERSION, encodeFunctionConfig, type FunctionConfig, type FunctionOffer } from "../app/engine";
import { cartLinesDiscountsGenerateRun } from "../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { functionMetafieldValue } from "../extensions/tactful-discount/src/input-variables";
import { input, type LineSpec } from "../extensions/tactful-discount/src/test-input";

const LINES = 200;
const LIMIT = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

function offerNo(n: number): FunctionOffer {
  const id = (k: number) => String(7_000_000_000_000 + n * 1000 + k);
  return {
    id: `offer-${n}`,
    type: n % 3 === 0 ? "UPSELL" : "CROSS_SELL",
    trigger: {
      match: "ANY",
      products: Array.from({ length: 4 }, (_, k) => id(k)),
      variants: [],
      collections: [String(480_000_000_000 + n)],
      tags: [`tag-${n}`],
    },
    offeredVariants: Array.from({ length: 3 }, (_, k) => id(100 + k)),
    discount: n % 2 === 0 ? { kind: "PERCENT", bps: 1000 } : { kind: "FIXED", amount: 300 },
    variantDiscounts: { b: { kind: "PERCENT", bps: 1500 } },
    capBps: 2500,
    startsAt: Date.UTC(2026, 0, 1),
    endsAt: Date.UTC(2027, 0, 1),
  };
}

/** As many offers as fit: the metafield value (config plus query variables) stays within the limit. */
function fullConfig(): { config: FunctionConfig; bytes: number } {
  let best: { config: FunctionConfig; bytes: number } | undefined;
  for (let n = 1; ; n++) {
    const config: FunctionConfig = { v: CONFIG_VERSION, offers: Array.from({ length: n }, (_, i) => offerNo(i)) };
    const bytes = new TextEncoder().encode(functionMetafieldValue(encodeFunctionConfig(config), config, "USD")).length;
    if (bytes > LIMIT) break;
    best = { config, bytes };
  }
  if (!best) throw new Error("not even one offer fits");
  return best;
}

function cartFor(config: FunctionConfig): LineSpec[] {
  const lines: LineSpec[] = [];
  const offers = config.offers;
  for (let i = 0; lines.length < LINES; i++) {
    const o = offers[i % offers.length] as FunctionOffer;
    const trigger = o.trigger.products[i % o.trigger.products.length] as string;
    // Three shopper lines per offer line: most offer lines stay under the cap and are discounted.
    for (let k = 0; k < 3 && lines.length < LINES; k++) lines.push({ variant: `${trigger}${k}`, product: trigger, price: "49.90", quantity: 1 + (k % 2), tags: [`tag-${i}`] });
    if (lines.length < LINES) lines.push({ variant: o.offeredVariants[0] as string, product: `p${o.id}`, price: "12.00", offer: o.id, ...(i % 4 === 0 ? { abVariant: "b" } : {}) });
  }
  return lines;
}

const { config, bytes } = fullConfig();
const json = JSON.stringify(input(config, cartFor(config)));
const check = cartLinesDiscountsGenerateRun(JSON.parse(json));
const discounted = check.operations.reduce((n, op) => n + (op.productDiscountsAdd?.candidates.length ?? 0), 0);

for (let i = 0; i < 200; i++) cartLinesDiscountsGenerateRun(JSON.parse(json));
const samples: number[] = [];
// CPU time as well as wall time: on a shared, busy machine wall time includes waiting for a core.
const cpu0 = process.cpuUsage();
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  cartLinesDiscountsGenerateRun(JSON.parse(json));
  samples.push(Number(process.hrtime.bigint() - t0) / 1000);
}
const cpu = process.cpuUsage(cpu0);
samples.sort((a, b) => a - b);
const pct = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? NaN);

console.log(`offers in config: ${config.offers.length}; input JSON: ${json.length} bytes; lines discounted: ${discounted}; runs: ${RUNS}; mean CPU per run (parse + run): ${Math.round((cpu.user + cpu.system) / RUNS)} us`);
console.log(`BENCH function ${JSON.stringify({ lines: LINES, config_bytes: bytes, p50_us: pct(50), p95_us: pct(95) })}`);
