/**
 * `npm run demo`: Tactful on its embedded default (SQLite) and the simulated
 * shop, on this machine, with no Shopify account. One process: migrate a
 * fresh database, then startDemo() (demo/launch.ts) runs the demo Admin API,
 * the app in demo mode, the simulated storefront and the seed.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { demoRefusal } from "../app/demo-mode/demo-mode.server";

const APP_PORT = Number(process.env.PORT ?? 3000);
const STOREFRONT_PORT = Number(process.env.STOREFRONT_PORT ?? 3100);

async function main() {
  const refusal = demoRefusal(process.env);
  if (refusal) {
    console.error(`Refusing to start the demo: ${refusal}`);
    process.exit(1);
  }
  const dbFile = path.resolve("prisma", "demo.sqlite");
  for (const f of [dbFile, `${dbFile}-journal`, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.NODE_ENV = "development";
  console.log("› Migrating a fresh SQLite database at prisma/demo.sqlite");
  // Prisma's 25 lines of a successful migration are not news; a failed one prints them all.
  const migrated = spawnSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: process.env, encoding: "utf8" });
  if (migrated.status !== 0) {
    process.stderr.write(`${migrated.stdout ?? ""}${migrated.stderr ?? ""}`);
    process.exit(migrated.status ?? 1);
  }

  console.log("› Starting the demo Admin API, the app, the simulated storefront; seeding the demo shop");
  const { startDemo } = await import("./launch");
  const demo = await startDemo({ appPort: APP_PORT, storefrontPort: STOREFRONT_PORT, host: "127.0.0.1" });
  const sf = demo.storefront.url;
  console.log(`
  Tactful is running in demo mode (SQLite, simulated shop, no Shopify account).

    Admin:       ${demo.app.url}/demo            (signs you in to the demo shop)
    Storefront:  ${sf}/                  (add "Trail Runner" to the cart: the socks offer pops up)
                 ${sf}/products/phone-x  then the cart: the Pro upgrade
                 ${sf}/products/coffee-grinder  then Check out: beans before checkout
                 ${sf}/products/aa-batteries  (its offer is over the price cap: never shown)
                 ${sf}/ar/  (Arabic, right-to-left)   ${sf}/?currency=USD   ${sf}/?theme=legacy
    Checkout:    ${sf}/checkout          (runs the discount Function; "Pay" sends orders/create to the app)
    Analytics:   ${demo.app.url}/demo?to=/app/analytics

  Press Ctrl+C to stop.
`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\n› Stopping");
    void demo.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
