import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildStorefront, OUT } from "../../scripts/build-storefront.mjs";

describe("the committed storefront asset", () => {
  it("equals a fresh build of extensions/tactful-embed/src (run npm run build:storefront when this fails)", async () => {
    const fresh = (await buildStorefront()) as string;
    expect(readFileSync(OUT as string, "utf8") === fresh).toBe(true);
  });

  it("stays within Theme Check's 10,000 bytes gzipped per JS file", () => {
    const gz = gzipSync(readFileSync(OUT as string), { level: 9 }).length;
    expect(gz).toBeLessThanOrEqual(10_000);
  });

  it("carries no zod and defines no globals of its own", () => {
    const js = readFileSync(OUT as string, "utf8");
    expect(js).not.toMatch(/ZodError|zod/);
    expect(js.startsWith('"use strict";(()=>{')).toBe(true);
    expect(js).not.toMatch(/window\.(?!fetch\b|Shopify\b)\w+\s*=/);
  });
});
