#!/usr/bin/env node
// `npm run demo`: runs Tactful on its embedded default (SQLite) on this machine,
// with no Shopify account. It grows into the full simulated shop (issue 8).
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const PORT = Number(process.env.PORT ?? 3000);

/** Demo mode signs its own requests; it must never run against a real shop. */
export function demoRefusal(env) {
  if (env.NODE_ENV === "production") return "NODE_ENV is production; demo mode only runs in development.";
  if (env.SHOPIFY_API_SECRET && env.SHOPIFY_API_SECRET !== DEMO_SECRET)
    return "SHOPIFY_API_SECRET holds real Shopify credentials; unset it to run the demo.";
  return null;
}

export const DEMO_SECRET = "tactful-demo-secret-not-for-production";

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const refusal = demoRefusal(process.env);
  if (refusal) {
    console.error(`Refusing to start the demo: ${refusal}`);
    process.exit(1);
  }
  const dbFile = path.resolve("prisma", "demo.sqlite");
  rmSync(dbFile, { force: true });
  rmSync(`${dbFile}-journal`, { force: true });
  const env = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: `file:${dbFile}`,
    SHOPIFY_API_KEY: "tactful-demo",
    SHOPIFY_API_SECRET: DEMO_SECRET,
    SHOPIFY_APP_URL: `http://localhost:${PORT}`,
    SCOPES: "read_products,read_discounts,write_discounts,read_orders,write_app_proxy,read_themes",
    PORT: String(PORT),
  };
  console.log("› Migrating a fresh SQLite database at prisma/demo.sqlite");
  run("npx", ["prisma", "migrate", "deploy"], env);
  console.log(`› Starting Tactful on http://localhost:${PORT}`);
  const server = spawn("npx", ["remix", "vite:dev", "--port", String(PORT), "--strictPort"], { stdio: "inherit", env });
  server.on("exit", (code) => process.exit(code ?? 0));
  setTimeout(() => {
    console.log(`
  Tactful is running on its embedded default (SQLite).
    App:    http://localhost:${PORT}/
  The embedded admin (/app) opens inside a Shopify admin; against a real
  development store use \`shopify app dev\` (see README).
  Press Ctrl+C to stop.
`);
  }, 1500);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
