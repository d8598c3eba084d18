// GENERATED from shopify.app.toml's application_url by scripts/gen-post-purchase-url.mjs; a test
// fails when it drifts. The page runs on Shopify's checkout and must know where the app lives.
export const APP_URL = "https://example.com";
