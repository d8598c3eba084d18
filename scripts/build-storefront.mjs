#!/usr/bin/env node
// Bundles the storefront script (extensions/tactful-embed/src) into the theme
// app extension's assets: the loader every page runs (assets/tactful.js) and
// the popup module it fetches at the first cart moment (assets/tactful-popup.js),
// decision record 0067, and the cart chunk the module fetches when it shows a
// popup (assets/tactful-cart.js), decision record 0081. The assets are committed because Shopify deploys
// assets/ as is; tests/storefront/asset.test.ts fails when they are stale or
// over their gzip budgets.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = (f) => path.join(root, "extensions/tactful-embed/src", f);
const asset = (f) => path.join(root, "extensions/tactful-embed/assets", f);
/** Each bundle with its gzip budget (level 9): Theme Check's 10,000 bytes per JS file, and the loader's own 2,500. */
export const BUNDLES = [
  { name: "loader", entry: src("loader.ts"), out: asset("tactful.js"), budget: 2_500 },
  { name: "popup", entry: src("popup-module.ts"), out: asset("tactful-popup.js"), budget: 10_000 },
  { name: "cart", entry: src("cart-module.ts"), out: asset("tactful-cart.js"), budget: 10_000 },
  // The session debugger, loaded only after the app accepted a signed link (decision record 0090).
  { name: "debug", entry: src("debug-module.ts"), out: asset("tactful-debug.js"), budget: 10_000 },
];

/*
 * Property names that live only inside the bundle (the engine's decoded
 * config, cart, decision and the popup's view model) are shortened: the
 * 10,000-byte gzip budget is tight and these long names are a good part of
 * it. A name read from outside (Ajax JSON, the embed's context JSON, stored
 * memory, beacon fields, DOM or built-in APIs) must never be listed here;
 * the browser tests run on the built asset and catch a wrong entry.
 */
export const INTERNAL_PROPS = [
  // engine: decoded config
  "subtotalMin", "subtotalMax", "itemsMin", "itemsMax", "tagsInclude", "tagsExclude", "countries", "markets", "locales", "customer", "history",
  "startsAt", "endsAt", "variantIds", "productId", "fromProductId", "fromVariantId", "upgrades", "capBps", "delayMs", "holdoutBps", "abVariants",
  "urgency", "lowStockBelow", "showEndDate", "priority", "moments", "trigger", "segment", "discount", "defaultLocale", "maxPerSession", "cooldownDays",
  "paused", "headline", "decline", "weight", "kind", "bps", "amount",
  // engine: cart facts, decisions
  "offerId", "codes", "reasons", "unitPrice", "discountedPrice", "replacesLineKey", "inventory", "byVariant", "byProduct", "abVariantId", "headroom",
  "increase", "visitorId", "subtotal", "known", "rateMicros", "contentLocale", "fallbackToDefaultLocale",
  // engine: automatic offers (decision record 0085)
  "auto", "sources", "excludeProducts", "excludeCollections", "excludeTags", "coPurchase", "candidates", "forProductId", "source",
  // storefront: runtime and popup view
  "perCard", "onAccept", "onClose", "money", "cards", "stock", "was", "noDelay", "getCart", "product", "memory", "track", "ops",
  "shown", "dismissed", "swap", "refresh", "engineCart", "recommender",
];

/**
 * Every bundle's text by output path; deterministic for the same sources.
 * The bundles are built in order with one mangle cache, so a shortened name
 * that crosses the seam between them (link.ts: the memory, the session, the
 * cart changes) is
 * shortened to the same name in both.
 */
export async function buildStorefront() {
  let mangleCache = {};
  const out = {};
  for (const b of BUNDLES) {
    const r = await build({
      entryPoints: [b.entry],
      bundle: true,
      minify: true,
      format: "iife",
      target: ["es2020"],
      platform: "browser",
      legalComments: "none",
      sourcemap: false,
      write: false,
      charset: "utf8",
      mangleProps: new RegExp(`^(${INTERNAL_PROPS.join("|")})$`),
      mangleCache,
      logLevel: "silent",
    });
    const file = r.outputFiles[0];
    if (!file) throw new Error(`esbuild produced no output for ${b.name}`);
    mangleCache = r.mangleCache ?? mangleCache;
    out[b.out] = file.text;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { gzipSync } = await import("node:zlib");
  const built = await buildStorefront();
  for (const b of BUNDLES) {
    const js = built[b.out];
    writeFileSync(b.out, js);
    console.log(`${path.relative(root, b.out)}: ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} gzipped (budget ${b.budget})`);
  }
}
