// Builds the introspection JSON that @shopify/api-codegen-preset reads
// (app/graphql/admin-2026-07.schema.json) from the committed SDL subset, so
// codegen runs offline. See docs/decisions (Admin schema subset).
import { readFileSync, writeFileSync } from "node:fs";
import { buildSchema, introspectionFromSchema } from "graphql";

const sdl = readFileSync(new URL("../app/graphql/admin-2026-07.subset.graphql", import.meta.url), "utf8");
const introspection = introspectionFromSchema(buildSchema(sdl));
writeFileSync(new URL("../app/graphql/admin-2026-07.schema.json", import.meta.url), JSON.stringify({ data: introspection }) + "\n");
