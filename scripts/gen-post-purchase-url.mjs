#!/usr/bin/env node
// Writes the post-purchase extension's APP_URL from shopify.app.toml (decision 0077).
// --check exits 1 when the committed file is out of step.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const target = path.join(root, "extensions/tactful-post-purchase/src/app-url.ts");

export function appUrlModule(toml) {
  const m = /^application_url\s*=\s*"([^"]+)"/m.exec(toml);
  if (!m) throw new Error("shopify.app.toml has no application_url");
  const url = new URL(m[1]).origin;
  return `// GENERATED from shopify.app.toml's application_url by scripts/gen-post-purchase-url.mjs; a test
// fails when it drifts. The page runs on Shopify's checkout and must know where the app lives.
export const APP_URL = ${JSON.stringify(url)};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const want = appUrlModule(readFileSync(path.join(root, "shopify.app.toml"), "utf8"));
  if (process.argv.includes("--check")) {
    if (readFileSync(target, "utf8") !== want) {
      console.error(`${target} is out of step with shopify.app.toml: run node scripts/gen-post-purchase-url.mjs`);
      process.exit(1);
    }
  } else writeFileSync(target, want);
}
