import { CURRENCY_DIGITS } from "@tactful/engine/money";

/*
 * The embed block prints the shop currency's minor-unit digits (offer amounts
 * are written in them). Liquid has no access to our table, so the branch is
 * generated from it: `npx vite-node -c vitest.config.ts scripts/gen-currency-liquid.ts` rewrites the
 * line, `--check` (and tests/storefront/currency-liquid.test.ts) fails when
 * the block has drifted from packages/engine/money.ts.
 */

export const BLOCK = "extensions/tactful-embed/blocks/tactful-embed.liquid";
const LINE = /^(\s*)"shopDigits": .*$/m;

/** `{% if "BIF ... XTS" contains shop.currency %}0{% elsif ... %}3...{% else %}2{% endif %}`: every digit count but 2 listed. */
export function shopDigitsLiquid(): string {
  const groups = new Map<number, string[]>();
  for (const [code, digits] of CURRENCY_DIGITS) if (digits !== 2) groups.set(digits, [...(groups.get(digits) ?? []), code]);
  const branches = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([digits, codes], i) => `{% ${i === 0 ? "if" : "elsif"} "${codes.sort().join(" ")}" contains shop.currency %}${digits}`);
  return `"shopDigits": ${branches.join("")}{% else %}2{% endif %},`;
}

export function withGeneratedDigits(block: string): string {
  if (!LINE.test(block)) throw new Error(`${BLOCK} has no "shopDigits" line`);
  return block.replace(LINE, (_, indent: string) => indent + shopDigitsLiquid());
}
