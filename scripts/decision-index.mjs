#!/usr/bin/env node
/**
 * Writes the index table of docs/decisions/README.md from the records themselves:
 * one line per record, with any "Superseded in part by …" line it carries.
 *   node scripts/decision-index.mjs          rewrite the index
 *   node scripts/decision-index.mjs --check  exit 1 when it is stale (tests/docs runs this)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "docs", "decisions");
const MARK = "## Index\n";

export function indexTable() {
  const rows = readdirSync(dir)
    .filter((f) => /^\d{4}-.*\.md$/.test(f))
    .sort()
    .map((f) => {
      const lines = readFileSync(path.join(dir, f), "utf8").split("\n");
      const title = (lines.find((l) => l.startsWith("# ")) ?? f).slice(2).trim().replace(/^\d{4}\s*[—-]\s*/, "");
      const superseded = lines.slice(0, 6).filter((l) => l.startsWith("Superseded")).map((l) => l.trim().replace(/\.$/, ""));
      return `| [${f.slice(0, 4)}](${f}) | ${[title, ...superseded].join(" — ")} |`;
    });
  return `${MARK}\n| Record | Decision |\n|---|---|\n${rows.join("\n")}\n`;
}

const readme = path.join(dir, "README.md");
const current = readFileSync(readme, "utf8");
const next = current.slice(0, current.indexOf(MARK)) + indexTable();
if (process.argv.includes("--check")) {
  if (next !== current) {
    console.error("docs/decisions/README.md index is stale: run `node scripts/decision-index.mjs`");
    process.exit(1);
  }
} else writeFileSync(readme, next);
