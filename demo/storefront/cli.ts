// `npx vite-node demo/storefront/cli.ts [--port 3100]`: runs the simulated
// storefront alone, with the demo offers (demo-config.ts) until the admin
// writes real ones through POST /__sim/metafields.
import { demoConfig } from "./demo-config";
import { startStorefront, THEMES } from "./server";

const i = process.argv.indexOf("--port");
const port = Number(i > 0 ? process.argv[i + 1] : (process.env.STOREFRONT_PORT ?? 3100));
const sf = await startStorefront({ port, config: demoConfig() });
console.log(`Simulated storefront on ${sf.url} (themes: ?theme=${THEMES.join("|")}; locales /fr/ /ar/; ?currency=USD)`);
const stop = () => void sf.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
