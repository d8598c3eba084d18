import { readFileSync } from "node:fs";
import path from "node:path";

/*
 * The access scopes shopify.app.toml asks for, which Shopify grants on
 * install. The demo, the test setup and the production smoke test run the
 * app with exactly these (SCOPES), read from the toml, so none of them can
 * drift from what a merchant grants: the smoke test had once run without two
 * scopes the toml had gained.
 */
export function appScopes(toml = readFileSync(path.resolve(__dirname, "../shopify.app.toml"), "utf8")): string {
  const section = /^\[access_scopes\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1];
  const scopes = section && /^scopes\s*=\s*"([^"]*)"\s*$/m.exec(section)?.[1];
  if (!scopes) throw new Error('shopify.app.toml has no `scopes = "…"` under [access_scopes]');
  return scopes;
}
