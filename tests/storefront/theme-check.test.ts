import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { themeCheckRun, Severity, type Offense } from "@shopify/theme-check-node";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * Shopify's Theme Check (@shopify/theme-check-node, the engine behind
 * `shopify theme check` and the CLI's checks of a theme app extension) over
 * extensions/tactful-embed, with tests/storefront/theme-check.yml. Its
 * Liquid docs come from the copy inside the package: SHOPIFY_TLD_ROOT points
 * its updater there, so the run never reaches for the network.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXT = path.resolve(HERE, "../../extensions/tactful-embed");
const CONFIG = path.join(HERE, "theme-check.yml");

const show = (o: Offense) => `${["error", "warning", "info"][o.severity] ?? o.severity} ${o.check} ${path.relative(EXT, fileURLToPath(o.uri))}:${o.start.line + 1} ${o.message}`;

let offenses: Offense[];
let checks: string[];
beforeAll(async () => {
  const fromThemeCheck = createRequire(createRequire(import.meta.url).resolve("@shopify/theme-check-node"));
  process.env.SHOPIFY_TLD_ROOT ??= path.dirname(fromThemeCheck.resolve("@shopify/theme-check-docs-updater/package.json"));
  const run = await themeCheckRun(EXT, CONFIG);
  offenses = run.offenses;
  checks = run.config.checks.map((c) => c.meta.code);
  for (const o of offenses) console.log(show(o));
}, 120_000);

describe("Shopify's Theme Check over the theme app extension", () => {
  it("runs the theme app extension's checks, the JavaScript size ones included", () => {
    expect(checks).toEqual(expect.arrayContaining(["AppBlockValidTags", "AssetSizeAppBlockJavaScript", "AssetSizeJavaScript", "MissingAsset", "ParserBlockingScript", "ValidSchema", "TranslationKeyExists", "LiquidHTMLSyntaxError"]));
  });

  it("finds no error", () => {
    expect(offenses.filter((o) => o.severity === Severity.ERROR).map(show)).toEqual([]);
  });

  it("finds no warning either", () => {
    expect(offenses.filter((o) => o.severity === Severity.WARNING).map(show)).toEqual([]);
  });
});
