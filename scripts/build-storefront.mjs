#!/usr/bin/env node
// Bundles the storefront script (extensions/tactful-embed/src) into the theme
// app extension's assets/tactful.js. The asset is committed because Shopify
// deploys assets/ as is; tests/storefront/asset.test.ts fails when it is stale.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ENTRY = path.join(root, "extensions/tactful-embed/src/main.ts");
export const OUT = path.join(root, "extensions/tactful-embed/assets/tactful.js");

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
  "increase", "visitorId", "subtotal", "known",
  // storefront: runtime and popup view
  "perCard", "onAccept", "onClose", "money", "cards", "stock", "was", "noDelay", "getCart", "product", "memory", "track", "ops",
  "shown", "dismissed", "swap", "refresh",
];

/** The bundle as a string; deterministic for the same sources. */
export async function buildStorefront() {
  const r = await build({
    entryPoints: [ENTRY],
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
    logLevel: "silent",
  });
  const file = r.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output");
  return file.text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const js = await buildStorefront();
  writeFileSync(OUT, js);
  const { gzipSync } = await import("node:zlib");
  console.log(`${path.relative(root, OUT)}: ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} gzipped`);
}
