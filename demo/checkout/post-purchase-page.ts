import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { esc, type PageCtx } from "../storefront/pages";

/*
 * The demo checkout's post-purchase step (decision 0078): the REAL extension
 * module, bundled at demo start with the host stand-in
 * (post-purchase-host.browser.ts). The prelude defines `self.shopify.extend`
 * as Shopify's sandbox does; the extension's build-time app URL
 * (app-url.ts, from shopify.app.toml) is replaced by the demo app's URL.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));

const PRELUDE = `self.__tactfulExtensionPoints = new Map();
self.shopify = { extend: function (point, fn) { self.__tactfulExtensionPoints.set(point, fn); } };`;

export async function bundlePostPurchaseHost(appUrl: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(HERE, "post-purchase-host.browser.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    banner: { js: PRELUDE },
    logLevel: "silent",
    plugins: [
      {
        name: "demo-app-url",
        setup(b) {
          b.onResolve({ filter: /\/app-url$/ }, (args) => (args.importer.includes("tactful-post-purchase") ? { path: "app-url", namespace: "demo-app-url" } : undefined));
          b.onLoad({ filter: /.*/, namespace: "demo-app-url" }, () => ({ contents: `export const APP_URL = ${JSON.stringify(appUrl)};`, loader: "ts" }));
        },
      },
    ],
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no post-purchase bundle");
  return file.text;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#1a1a1a;background:#fafafa}
.pp-stack{display:flex;flex-direction:column;gap:12px}.pp-loose{gap:20px}.pp-tight{gap:6px}
.pp-layout{display:grid;grid-template-columns:minmax(0,45fr) 38px minmax(0,55fr);align-items:start}
@media (max-width:640px){.pp-layout{grid-template-columns:1fr}.pp-layout>.pp-view:empty{display:none}}
.pp-image{width:100%;aspect-ratio:1;object-fit:cover;border-radius:8px;background:#fff;border:1px solid #e3e3e3}
.pp-heading{font-size:24px;margin:0}.pp-textblock{margin:0}.pp-strong{font-weight:600}.pp-subdued{color:#616161}.pp-success{color:#0a7a3b}.pp-critical{color:#b42318}
.pp-separator{border:0;border-top:1px solid #e3e3e3;width:100%;margin:4px 0}.pp-bookend{display:flex;justify-content:space-between;gap:12px}
.pp-callout{background:#eef4ff;border-radius:8px;padding:12px 16px;text-align:center}.pp-callout-title{display:block}
.pp-select{display:flex;flex-direction:column;gap:4px;font-size:13px;color:#616161}.pp-select select{font:15px system-ui;padding:10px;border:1px solid #8a8a8a;border-radius:6px;background:#fff;color:#1a1a1a}
.pp-button{font:600 16px system-ui;padding:14px 24px;border:0;border-radius:8px;background:#1a1a1a;color:#fff;cursor:pointer;width:100%}
.pp-button:disabled{opacity:.5;cursor:default}.pp-plain{background:transparent;color:#1a1a1a;text-decoration:underline;font-weight:500}
.shopify-bar{font-size:13px;color:#616161;border-bottom:1px solid #e3e3e3;padding-bottom:12px;margin-bottom:20px}`;

export function postPurchaseHtml(boot: unknown, p: PageCtx, orderName: string): string {
  // </script> cannot end the boot data early: "<" is escaped inside the JSON.
  const data = JSON.stringify(boot).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="${p.locale}"${p.locale === "ar" ? ' dir="rtl"' : ""}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`Order ${orderName}`)}</title><style>${STYLE}</style></head><body>
<div class="shopify-bar" data-testid="post-purchase-bar">Order ${esc(orderName)} is paid. Simulated post-purchase page: the app's real extension, in a stand-in for Shopify's host.</div>
<main id="post-purchase" data-testid="post-purchase"></main>
<script>self.__tactfulPostPurchase = ${data};</script><script src="${p.root}checkout/post-purchase.js"></script></body></html>`;
}
