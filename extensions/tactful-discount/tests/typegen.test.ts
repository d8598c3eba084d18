import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { expect, it } from "vitest";

const ext = join(import.meta.dirname, "..");

it("the committed generated/api.ts is what graphql-codegen makes from schema.graphql and the input query", async () => {
  // The same config the `typegen:function` script (and the Shopify CLI) reads from package.json.
  const pkg = JSON.parse(readFileSync(join(ext, "package.json"), "utf8")) as { codegen: { schema: string; documents: string; generates: Record<string, object>; config: object } };
  const cwd = process.cwd();
  process.chdir(ext);
  try {
    const [out] = await generate({ ...pkg.codegen, silent: true }, false);
    expect(out?.filename).toBe("./generated/api.ts");
    expect(out?.content).toBe(readFileSync(join(ext, "generated", "api.ts"), "utf8"));
  } finally {
    process.chdir(cwd);
  }
}, 60_000);
