import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";

// The app's real shopify.server.ts runs under test, configured with the same
// key and secret that Shopify's test helpers sign requests with.
const template = inject("templateDb");
const db = path.join(path.dirname(template), `${randomUUID()}.sqlite`);
copyFileSync(template, db);

process.env.DATABASE_URL = `file:${db}`;
process.env.SHOPIFY_API_KEY = API_KEY;
process.env.SHOPIFY_API_SECRET = API_SECRET_KEY;
process.env.SHOPIFY_APP_URL = APP_URL;
process.env.SCOPES = "read_products,read_discounts,write_discounts,read_orders,write_app_proxy,read_themes";
