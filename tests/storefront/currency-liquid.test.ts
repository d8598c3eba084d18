import { readFileSync } from "node:fs";
import { Liquid } from "liquidjs";
import { describe, expect, it } from "vitest";
import { CURRENCY_DIGITS, fractionDigits } from "@tactful/engine/money";
import { BLOCK, shopDigitsLiquid, withGeneratedDigits } from "../../scripts/currency-liquid";

/* The embed's shop-currency digits are generated from the engine's one table (decision 0053). */

describe("the embed's shopDigits Liquid", () => {
  const block = readFileSync(BLOCK, "utf8");

  it("is exactly what scripts/gen-currency-liquid.ts generates from packages/engine/money.ts", () => {
    expect(withGeneratedDigits(block)).toBe(block);
    expect(block).toContain(shopDigitsLiquid());
  });

  it("prints the table's digits for every currency, and 2 for a code the table does not know", async () => {
    const engine = new Liquid();
    const template = engine.parse(`{ ${shopDigitsLiquid().replace(/,$/, "")} }`);
    for (const currency of [...CURRENCY_DIGITS.keys(), "XYZ"]) {
      const printed = JSON.parse(await engine.render(template, { shop: { currency } })) as { shopDigits: number };
      expect([currency, printed.shopDigits]).toEqual([currency, fractionDigits(currency)]);
    }
  });
});
