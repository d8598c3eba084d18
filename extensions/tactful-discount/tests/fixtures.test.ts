import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cartLinesDiscountsGenerateRun } from "../src/index";
import type { CartInput } from "../generated/api";

/*
 * Fixtures in the shape the Shopify CLI's function runner and Shopify's
 * function test helpers read: { payload: { export, target, input, output } }.
 * Each runs through @shopify/shopify_function's real `run` wrapper, with the
 * ShopifyFunction global that Javy provides in production stubbed here.
 */
const dir = join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".json"));

interface Fixture {
  payload: { export: string; target: string; input: CartInput; output: unknown };
}

// @shopify/shopify_function ships raw TypeScript that does not pass our strict
// settings; importing it by a computed specifier keeps it out of the typecheck
// while vitest still runs the real wrapper.
type Run = <I extends object, O extends object>(fn: (input: I) => O) => void;
const RUN_MODULE = ["@shopify", "shopify_function", "run"].join("/");
const { default: run } = (await import(/* @vite-ignore */ RUN_MODULE)) as { default: Run };

const globals = globalThis as { ShopifyFunction?: { readInput(): unknown; writeOutput(v: unknown): void } };
afterEach(() => {
  delete globals.ShopifyFunction;
});

describe("discount Function fixtures", () => {
  it("there are fixtures to run", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of fixtures) {
    it(`fixture ${file.replace(/\.json$/, "")}: output matches`, () => {
      const { payload } = JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture;
      expect(payload.export).toBe("cart-lines-discounts-generate-run");
      expect(payload.target).toBe("cart.lines.discounts.generate.run");
      let written: unknown;
      // Through JSON as Javy does: the Function sees plain data, never our objects.
      globals.ShopifyFunction = { readInput: () => JSON.parse(JSON.stringify(payload.input)), writeOutput: (v) => (written = JSON.parse(JSON.stringify(v))) };
      run(cartLinesDiscountsGenerateRun);
      expect(written).toEqual(payload.output);
    });
  }
});
