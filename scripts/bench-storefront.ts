// `npm run bench:storefront`: the storefront script's cost to a shop.
// - gzipped size (level 9) of the loader every page runs (assets/tactful.js),
//   of the popup module it fetches at the first cart moment
//   (assets/tactful-popup.js), of the cart chunk the module fetches when it
//   shows a popup (assets/tactful-cart.js, decision record 0081), and of the
//   CSS (inlined in the module);
// - requests the page makes before the first cart interaction, beyond the
//   page itself, the theme's own files and the loader (the module counts);
// - time from the add-to-cart response reaching the page to the popup being
//   visible, 20 runs with the offer's delay at 0, each on a fresh page that
//   fetches the module anew (the simulated shop sends no-store);
// - the load averages before and after: the machine is shared, so read the
//   timings next to them and compare runs made under similar load.
// Last line: BENCH storefront {...}
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { compile, item, ref } from "../demo/storefront/demo-config";
import { startStorefront } from "../demo/storefront/server";
import { CSS } from "../extensions/tactful-embed/src/styles";
import { launch } from "../tests/storefront/browser";
import { BUNDLES } from "./build-storefront.mjs";

const RUNS = 20;
const sizes = (BUNDLES as { name: string; out: string; budget: number }[]).map((b) => {
  const js = readFileSync(b.out);
  return { ...b, file: path.basename(b.out), bytes: js.length, gz: gzipSync(js, { level: 9 }).length };
});
const [loader, popup, cart] = sizes as [(typeof sizes)[0], (typeof sizes)[0], (typeof sizes)[0]];
const cssGz = gzipSync(CSS, { level: 9 }).length;

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");
const loadBefore = load();
const sf = await startStorefront();
sf.setConfig(compile([{ id: "socks", type: "CROSS_SELL", moments: ["ADD_TO_CART"], definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: { en: { headline: "Complete your run", body: "", accept: "Add", decline: "No thanks" } } } }], { maxPerSession: 10 }));
const { context, close } = await launch();
const times: number[] = [];
let before = -1;
try {
  for (let i = 0; i < RUNS; i++) {
    await context.clearCookies();
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("request", (r) => seen.push(new URL(r.url()).pathname));
    await page.goto(`${sf.url}/products/trail-runner?theme=legacy`, { waitUntil: "load" });
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.waitForTimeout(200);
    if (i === 0) before = seen.filter((p) => !["/products/trail-runner", "/cdn/theme.js", `/cdn/shop/t/1/assets/${loader.file}`].includes(p) && !p.startsWith("/img/")).length;
    // Stamp the moment the add response reaches the page, then the moment the dialog is open.
    await page.evaluate(() => {
      const w = window as unknown as { __t0?: number; __t1?: number };
      const f = window.fetch;
      window.fetch = (...a: Parameters<typeof fetch>) =>
        f(...a).then((r) => {
          if (String(a[0]).includes("cart/add")) w.__t0 = performance.now();
          return r;
        });
      new MutationObserver(() => {
        const d = document.querySelector("tactful-popup")?.shadowRoot?.querySelector("dialog");
        if (d?.open && w.__t1 === undefined) w.__t1 = performance.now();
      }).observe(document.body, { childList: true });
    });
    await page.locator("product-form button[type=submit]").click();
    await page.waitForFunction(() => (window as unknown as { __t1?: number }).__t1 !== undefined, undefined, { timeout: 5000 });
    const [t0, t1] = await page.evaluate(() => [(window as unknown as { __t0: number }).__t0, (window as unknown as { __t1: number }).__t1]);
    times.push(t1 - t0);
    await page.close();
  }
} finally {
  await close();
  await sf.close();
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? NaN;
for (const b of sizes) console.log(`${b.file} (${b.name}): ${b.bytes} bytes, ${b.gz} gzipped of ${b.budget}`);
console.log(`CSS (inside ${popup.file}): ${CSS.length} bytes, ${cssGz} gzipped`);
console.log(`requests before the first cart interaction (beyond page, theme and ${loader.file}): ${before}`);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${load()} on ${os.cpus().length} CPUs`);
console.log(`add-to-cart response -> popup visible (module fetched each run) over ${RUNS} runs: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`);
console.log(
  `BENCH storefront ${JSON.stringify({ loader_js_gzip_bytes: loader.gz, popup_js_gzip_bytes: popup.gz, cart_js_gzip_bytes: cart.gz, css_gzip_bytes: cssGz, requests_before_interaction: before, popup_p95_ms: Math.round(pct(95)) })}`,
);
