import { join } from "node:path";
import { build } from "esbuild";
import { expect, it } from "vitest";

/*
 * What Javy will compile: src/index.ts bundled as the Shopify CLI does. The
 * Function must be deterministic and run without Node: no clock, no
 * randomness, no Node built-ins, no zod.
 */
it("the Function bundle reads no clock or randomness and pulls in no Node built-ins or zod", async () => {
  const out = await build({ entryPoints: [join(import.meta.dirname, "..", "src", "index.ts")], bundle: true, format: "esm", write: false, metafile: true, logLevel: "silent" });
  const code = out.outputFiles[0]?.text ?? "";
  expect(code.length).toBeGreaterThan(0);
  for (const banned of ["Date.now", "new Date()", "Math.random", "process.", "require("]) expect(code, banned).not.toContain(banned);
  const inputs = Object.keys(out.metafile.inputs);
  expect(inputs.filter((i) => i.startsWith("node:") || i.includes("node_modules/zod"))).toEqual([]);
});
