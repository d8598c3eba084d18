import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The upward-import rule (decision 0064), run through the project's own
 * ESLint config on virtual files at real paths: each forbidden edge is
 * reported, each allowed edge is not.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "tactful/layers").map((m) => m.message);
}

describe("imports go only downward", () => {
  it.each([
    ["engine -> app", "packages/engine/x.ts", 'import { a } from "../../app/offers/x";\nexport const b = a;\n', /engine may import only from engine/],
    ["engine -> an npm package", "packages/engine/x.ts", 'import { z } from "zod";\nexport const b = z;\n', /no dependencies/],
    ["extensions -> app (relative)", "extensions/tactful-embed/src/x.ts", 'import { a } from "../../../app/analytics/beacon.schema";\nexport const b = a;\n', /extensions may import only from engine, extensions/],
    ["extensions -> app (~ alias)", "extensions/tactful-checkout/src/x.ts", 'import { a } from "~/db.server";\nexport const b = a;\n', /not app/],
    ["app -> demo", "app/offers/x.ts", 'import { a } from "../../demo/storefront/server";\nexport const b = a;\n', /app may import only from engine, app/],
    ["app -> demo (dynamic import)", "app/routes/x.tsx", 'export const b = () => import("../../demo/run");\n', /not demo/],
  ])("%s is refused", async (_label, file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ["engine -> engine", "packages/engine/x.ts", 'import { a } from "./types";\nexport const b = a;\n'],
    ["extensions -> engine and itself", "extensions/tactful-embed/src/x.ts", 'import { a } from "@tactful/engine/types";\nimport { c } from "./ajax";\nexport const b = [a, c];\n'],
    ["app -> its own demo mode and the engine", "app/routes/x.tsx", 'import { a } from "../demo-mode/demo-mode.server";\nimport { c } from "@tactful/engine";\nexport const b = [a, c];\n'],
    ["demo -> app and extensions", "demo/storefront/x.ts", 'import { a } from "../../app/demo-mode/catalog";\nimport { c } from "../../extensions/tactful-embed/src/ajax";\nexport const b = [a, c];\n'],
  ])("%s is allowed", async (_label, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
