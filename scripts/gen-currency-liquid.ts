import { readFileSync, writeFileSync } from "node:fs";
import { BLOCK, withGeneratedDigits } from "./currency-liquid";

// Regenerates the embed's "shopDigits" line from packages/engine/money.ts; --check only reports drift.
const block = readFileSync(BLOCK, "utf8");
const generated = withGeneratedDigits(block);
if (process.argv.includes("--check")) {
  if (generated !== block) {
    console.error(`${BLOCK} is out of step with packages/engine/money.ts: run npx vite-node -c vitest.config.ts scripts/gen-currency-liquid.ts`);
    process.exit(1);
  }
} else writeFileSync(BLOCK, generated);
