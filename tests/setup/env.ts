import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { appScopes } from "../../demo/app-scopes";
import { adminQuery, withDatabase } from "./global-db";

// Each test file gets its own copy of the migrated template database.
const testDb = inject("testDb");
if (testDb.kind === "postgres") {
  const name = `tactful_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await adminQuery(testDb.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${testDb.template}"`);
  process.env.DATABASE_URL = withDatabase(testDb.adminUrl, name);
} else {
  const db = path.join(path.dirname(testDb.template), `${randomUUID()}.sqlite`);
  copyFileSync(testDb.template, db);
  process.env.DATABASE_URL = `file:${db}`;
}

// The app's real shopify.server.ts runs under test, configured with the same
// key and secret that Shopify's test helpers sign requests with.
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES = appScopes();
