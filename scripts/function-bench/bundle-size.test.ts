import { describe, expect, it } from "vitest";
import { bundleFunction, FUNCTION_ENTRY } from "./run-function";

/*
 * Shopify's runtime loads the Function's bytecode and evaluates its module on
 * every run, and charges it (decision 0093): about 6K instructions a function
 * and 27 a byte of bytecode, 0.89M of the realistic cart's 2.16M own. The
 * bundle's size is deterministic, so it is held here; the instructions are
 * measured by `SHOPIFY_JAVY_PLUGIN=… npm run bench:function`.
 */
const BUDGET_BYTES = 15_000;

describe("the discount Function's bundle", () => {
  it(`stays within ${BUDGET_BYTES} bytes, bundled as the Shopify CLI bundles it`, async () => {
    const bundle = await bundleFunction({ path: FUNCTION_ENTRY });
    const bytes = new TextEncoder().encode(bundle).length;
    expect(bytes).toBeGreaterThan(5_000); // the real Function, not an empty bundle
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
