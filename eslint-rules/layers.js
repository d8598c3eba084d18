import path from "node:path";

/*
 * The house has floors (decision 0064): packages/engine at the bottom, then
 * app/ and extensions/ side by side, then demo/ on top. Code may import only
 * from its own floor or below. Relative specifiers are resolved against the
 * importing file, so `../demo-mode/x` inside app/ is not mistaken for the
 * top-level demo/. Bare specifiers (npm packages) are judged only in the
 * engine, which has no dependencies at all.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

/** Top-level area of a repo-relative path: "engine", "app", "extensions", "demo", or another top folder. */
function area(rel) {
  if (rel.startsWith("packages/engine/") || rel === "packages/engine") return "engine";
  return rel.split("/")[0];
}

/** Which areas each area may import from; anything else is an upward or sideways import. */
const ALLOWED = {
  engine: ["engine"],
  extensions: ["engine", "extensions"],
  app: ["engine", "app"],
};

function targetArea(spec, file) {
  if (spec.startsWith("@tactful/engine")) return "engine";
  if (spec.startsWith("~/")) return "app";
  if (!spec.startsWith(".")) return null; // an npm package
  const abs = path.resolve(path.dirname(file), spec);
  return area(path.relative(ROOT, abs).split(path.sep).join("/"));
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Imports go only downward: engine <- app, extensions <- demo" },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = area(path.relative(ROOT, file).split(path.sep).join("/"));
    const allowed = ALLOWED[from];
    if (!allowed) return {};
    function check(node) {
      const spec = node.source && typeof node.source.value === "string" ? node.source.value : null;
      if (spec === null) return;
      const to = targetArea(spec, file);
      if (to === null) {
        if (from === "engine") context.report({ node: node.source, message: `The engine has no dependencies: "${spec}" is not allowed in packages/engine (decision 0064).` });
        return;
      }
      if (!allowed.includes(to)) {
        context.report({ node: node.source, message: `Upward import: ${from} may import only from ${allowed.join(", ")}, not ${to} ("${spec}"; decision 0064).` });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
