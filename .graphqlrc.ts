import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";

/*
 * Codegen for the Admin API operations in app/graphql/operations.ts. The
 * preset reads app/graphql/admin-2026-07.schema.json when it exists (it does:
 * built offline from the committed SDL subset by scripts/graphql-schema.mjs),
 * so no network is needed. Keep apiVersion in step with app/shopify.server.ts.
 */
export default {
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: "2026-07",
      documents: ["./app/graphql/operations.ts"],
      outputDir: "./app/graphql",
      // String unions instead of TS enums: a .d.ts enum has no runtime value to import.
      enumsAsConst: true,
    }),
  },
};
