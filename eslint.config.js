import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import layers from "./eslint-rules/layers.js";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      // Private builds (production smoke suite, benchmarks); a killed run can leave one behind.
      ".cache/**",
      "node_modules/**",
      "public/build/**",
      "extensions/*/assets/**",
      "extensions/*/dist/**",
      "extensions/**/generated/**",
      "prisma/postgres/generated/**",
      "test-results/**",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // `npm start` (server.mjs as remix-serve did: Remix's globals, single fetch off) replaces the global Response with one
    // that has no static json(): a route calling it answers 500 in production only
    // (decision 0051). The production smoke suite (tests/production) is the real guard.
    files: ["app/**", "demo/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Response", property: "json", message: "Use json() from @remix-run/node: the production server's Response has no static json() (decisions 0051, 0060)." },
      ],
    },
  },
  {
    // Imports go only downward (decision 0064). Tests and their fixtures may reach across floors.
    files: ["packages/**", "app/**", "extensions/**"],
    ignores: ["**/*.test.{ts,tsx}", "**/test-*.ts", "**/*-fixtures.ts"],
    plugins: { tactful: { rules: { layers } } },
    rules: { "tactful/layers": "error" },
  },
  {
    // Tests may assert on values they just built.
    files: ["**/*.test.{ts,tsx}", "tests/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
