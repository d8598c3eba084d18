import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BUNDLES, buildStorefront } from "../../scripts/build-storefront.mjs";

type Bundle = { name: string; out: string; budget: number };
const bundles = BUNDLES as Bundle[];
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

describe("the committed storefront assets (decision records 0067, 0081, 0090)", () => {
  it("are the loader, the popup module, the cart chunk and the session debugger, with the loader's own budget and Theme Check's 10,000 bytes for the others", () => {
    expect(bundles.map((b) => [b.name, path.basename(b.out), b.budget])).toEqual([
      ["loader", "tactful.js", 2_500],
      ["popup", "tactful-popup.js", 10_000],
      ["cart", "tactful-cart.js", 10_000],
      ["debug", "tactful-debug.js", 10_000],
    ]);
  });

  it("equal a fresh build of extensions/tactful-embed/src (run npm run build:storefront when this fails)", async () => {
    const fresh = (await buildStorefront()) as Record<string, string>;
    for (const b of bundles) expect(readFileSync(b.out, "utf8") === fresh[b.out], b.out).toBe(true);
  });

  it.each(bundles)("$name stays within its gzip budget", (b) => {
    const size = gz(b.out);
    console.log(`${path.basename(b.out)}: ${size} of ${b.budget} bytes gzipped`);
    expect(size).toBeLessThanOrEqual(b.budget);
  });

  it.each(bundles)("$name carries no zod and defines no globals of its own", (b) => {
    const js = readFileSync(b.out, "utf8");
    expect(js).not.toMatch(/ZodError|zod/);
    expect(js.startsWith('"use strict";(()=>{')).toBe(true);
    expect(js).not.toMatch(/window\.(?!fetch\b|Shopify\b)\w+\s*=/);
  });

  it("leaves the decision to the module: the loader carries neither the engine's decide nor the popup", () => {
    const [loader, popup] = bundles.map((b) => readFileSync(b.out, "utf8"));
    expect(loader).not.toContain("tactful-popup");
    expect(loader).not.toContain("PRICE_UNKNOWN");
    expect(popup).toContain("tactful-popup");
    expect(popup).toContain("PRICE_UNKNOWN");
  });

  it("leaves the cart changes and the theme refresh to the cart chunk: the module carries no add, change or section render", () => {
    const [loader, popup, cart] = bundles.map((b) => readFileSync(b.out, "utf8"));
    for (const js of [loader, popup]) for (const s of ["cart/add.js", "cart/change.js", "cart/update.js", "sections_url"]) expect(js).not.toContain(s);
    for (const s of ["cart/add.js", "cart/change.js", "cart/update.js", "sections_url", "tactful:cart"]) expect(cart).toContain(s);
    expect(popup).toContain("tactful:cart");
    // The chunk carries the automatic offers' chooser (decision record 0085), never the decision itself.
    expect(cart).not.toContain("FREQUENCY_SESSION_LIMIT");
    expect(cart).not.toContain("LOWER_PRIORITY");
  });

  it("fetches Shopify's recommendations only from the cart chunk, which only automatic offers load before a popup (decision record 0085)", () => {
    const [loader, popup, cart] = bundles.map((b) => readFileSync(b.out, "utf8"));
    for (const js of [loader, popup]) expect(js).not.toContain("recommendations/products.json");
    expect(cart).toContain("recommendations/products.json");
  });

  it("keeps the session debugger out of the loader and read-only: no beacon, no memory write, no cart change (decision record 0090)", () => {
    const [loader, popup, , debug] = bundles.map((b) => readFileSync(b.out, "utf8"));
    // The loader only asks the app about a token; the panel and its engine run are the debug asset's.
    expect(loader).toContain("apps/tactful/debug?token=");
    expect(loader).not.toContain("Tactful debugger");
    expect(popup).not.toContain("Tactful debugger");
    expect(debug).toContain("Tactful debugger");
    expect(debug).toContain("PRICE_UNKNOWN");
    for (const s of ["sendBeacon", "apps/tactful/events", "cart/add.js", "cart/change.js", "cart/update.js", "setItem", "_tactful_memory"]) expect(debug, s).not.toContain(s);
  });
});
