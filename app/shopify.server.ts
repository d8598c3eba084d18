import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./platform/db.server";
import { env } from "./platform/env.server";
import { assertDemoAllowed, isDemoMode } from "./demo-mode/demo-mode.server";
import { afterInstall } from "./shopify/after-install.server";

/** Pinned so request and webhook shapes don't change under us; see shopify.app.toml. */
export const API_VERSION = ApiVersion.July26;

const config = env();
const LOG_SEVERITY = { error: LogSeverity.Error, warning: LogSeverity.Warning, info: LogSeverity.Info, debug: LogSeverity.Debug } as const;
// Demo mode signs its own session tokens; refuse it anywhere near production.
if (isDemoMode()) assertDemoAllowed();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES,
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  // The library logs every request at Info; that stays behind TACTFUL_LOG_LEVEL=info.
  logger: { level: LOG_SEVERITY[config.TACTFUL_LOG_LEVEL] },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await afterInstall(session.shop, admin);
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
