/*
 * Runs the discount Function as production does, as closely as we can
 * offline (decision 0061): bundled as the Shopify CLI bundles it (esbuild,
 * ESM, minified, the CLI's generated entry calling @shopify/shopify_function's
 * `run`), inside counted QuickJS-in-Wasm, with a ShopifyFunction shim that
 * hands over the JSON input (JSON.parse) and serializes the output.
 */
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { countedQuickJS, evalOrThrow, measure } from "./quickjs-fuel";

export const EXPORT = "cartLinesDiscountsGenerateRun";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FUNCTION_ENTRY = `${ROOT}extensions/tactful-discount/src/index.ts`;

/** The Function's pricing without its cart-length rule (decision 0097): what a cart of any length would cost to price. */
export const PRICING_ONLY = `export { priceCart as ${EXPORT} } from "./extensions/tactful-discount/src/cart_lines_discounts_generate_run.ts";`;

/** The Function that does nothing: its run is the cost of getting the input in and the output out. */
export const EMPTY_FUNCTION = `export function ${EXPORT}(input) { return { operations: [] }; }`;

/** The entry the CLI generates for a target's export (see 0061), plus a handle the host can call. */
const CLI_ENTRY = `import __runFunction from "@shopify/shopify_function/run";
import { ${EXPORT} as __userRun } from "user-function";
export function ${EXPORT}() { return __runFunction(__userRun); }
globalThis.__tactfulExport = ${EXPORT};
`;

/** Javy's ShopifyFunction global, fed from a string the host sets before the call. */
const SHIM = `globalThis.ShopifyFunction = {
  readInput() { return JSON.parse(globalThis.__tactfulInput); },
  writeOutput(output) { globalThis.__tactfulOutput = JSON.stringify(output); },
};`;

/** Bundles the Function at `entry` (a path), or the given source text, as the CLI does. */
export async function bundleFunction(user: { path: string } | { source: string }): Promise<string> {
  const userFunction: Plugin = {
    name: "user-function",
    setup(b) {
      b.onResolve({ filter: /^user-function$/ }, () =>
        "path" in user ? { path: user.path } : { path: "user-function", namespace: "virtual" },
      );
      b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
        contents: "source" in user ? user.source : "",
        loader: "js",
        // Source text may import the project's modules by path.
        resolveDir: ROOT,
      }));
    },
  };
  const result = await build({
    stdin: { contents: CLI_ENTRY, resolveDir: ROOT, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    write: false,
    logLevel: "silent",
    plugins: [userFunction],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error("esbuild produced no bundle");
  return out.text;
}

export interface CountedRun {
  /** Instructions of the export's call: reading (JSON.parse) the input, the Function, writing its output. */
  instructions: number;
  /** Instructions to compile and initialize the bundle; Javy compiles ahead of time, so not charged in production. */
  loadInstructions: number;
  output: unknown;
}

/** One run in a fresh runtime, as each Function run in production starts fresh. */
export async function runCounted(bundle: string, inputJson: string): Promise<CountedRun> {
  const q = await countedQuickJS();
  const runtime = q.quickjs.newRuntime();
  const ctx = runtime.newContext();
  try {
    evalOrThrow(ctx, SHIM, "shim.js");
    const input = ctx.newString(inputJson);
    ctx.setProp(ctx.global, "__tactfulInput", input);
    input.dispose();
    const load = measure(q, () => evalOrThrow(ctx, bundle, "function.js", "module"));
    const fn = ctx.getProp(ctx.global, "__tactfulExport");
    const call = measure(q, () => ctx.callFunction(fn, ctx.undefined));
    fn.dispose();
    if (call.value.error) {
      const err = ctx.dump(call.value.error) as unknown;
      call.value.error.dispose();
      throw new Error(`the Function threw in QuickJS: ${JSON.stringify(err)}`);
    }
    call.value.value.dispose();
    const out = ctx.getProp(ctx.global, "__tactfulOutput");
    const text = ctx.getString(out);
    out.dispose();
    return { instructions: call.instructions, loadInstructions: load.instructions, output: JSON.parse(text) };
  } finally {
    ctx.dispose();
    runtime.dispose();
  }
}
