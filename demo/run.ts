/**
 * `npm run demo`: Tactful on its embedded default (SQLite) and the simulated
 * shop, on this machine, with no Shopify account.
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { DEMO_API_KEY, DEMO_SECRET, demoRefusal } from "../app/demo/demo-mode.server";

const APP_PORT = Number(process.env.PORT ?? 3000);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
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
  for (const f of [dbFile, `${dbFile}-journal`, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    TACTFUL_DEMO: "1",
    DATABASE_URL: `file:${dbFile}`,
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_SECRET,
    SHOPIFY_APP_URL: `http://localhost:${APP_PORT}`,
    SCOPES: "read_products,read_discounts,write_discounts,read_orders,write_app_proxy,read_themes",
    PORT: String(APP_PORT),
  };
  console.log("› Migrating a fresh SQLite database at prisma/demo.sqlite");
  run("npx", ["prisma", "migrate", "deploy"], env);
  console.log(`› Starting Tactful on http://localhost:${APP_PORT}`);
  const server = spawn("npx", ["remix", "vite:dev", "--port", String(APP_PORT), "--strictPort"], { stdio: "inherit", env });
  server.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  setTimeout(() => {
    console.log(`
  Tactful is running in demo mode on its embedded default (SQLite).
    Admin:  http://localhost:${APP_PORT}/demo   (signs you in to the demo shop)
  Press Ctrl+C to stop.
`);
  }, 1500);
}

main();
