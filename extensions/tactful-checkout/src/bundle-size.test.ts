import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/*
 * Shopify refuses checkout UI extension bundles over 64 KB compressed. Each
 * target is bundled as the CLI does (esbuild, minified, Preact, signals and
 * the engine included) and gzipped. Our own budget is 20 KB.
 */
const SHOPIFY_LIMIT = 64 * 1024;
const OUR_BUDGET = 20 * 1024;
const src = import.meta.dirname;

async function gzippedSize(entry: string): Promise<{ raw: number; gz: number }> {
  const out = await build({
    entryPoints: [join(src, entry)],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    jsx: "automatic",
    jsxImportSource: "preact",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { raw: code.length, gz: gzipSync(code, { level: 9 }).length };
}

const sizes = { checkout: await gzippedSize("Checkout.tsx"), thankYou: await gzippedSize("ThankYou.tsx") };
const kb = (n: number) => (n / 1024).toFixed(1);

describe("checkout extension bundle", () => {
  it(`the checkout target is ${kb(sizes.checkout.gz)} KB gzipped (${kb(sizes.checkout.raw)} KB minified): under Shopify's 64 KB and our 20 KB`, () => {
    expect(sizes.checkout.gz).toBeLessThan(SHOPIFY_LIMIT);
    expect(sizes.checkout.gz).toBeLessThan(OUR_BUDGET);
  });

  it(`the thank-you target is ${kb(sizes.thankYou.gz)} KB gzipped: under Shopify's 64 KB and our 20 KB`, () => {
    expect(sizes.thankYou.gz).toBeLessThan(SHOPIFY_LIMIT);
    expect(sizes.thankYou.gz).toBeLessThan(OUR_BUDGET);
  });

  it("the bundle carries no zod and no Node built-ins", async () => {
    const out = await build({ entryPoints: [join(src, "Checkout.tsx")], bundle: true, format: "esm", jsx: "automatic", jsxImportSource: "preact", write: false, metafile: true, logLevel: "silent" });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((i) => i.includes("node_modules/zod"))).toBe(false);
    expect(inputs.some((i) => i.startsWith("node:"))).toBe(false);
  });
});
