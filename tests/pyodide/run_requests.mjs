// Run checkers requests inside real Pyodide under Node, through the same boot code as
// the browser worker (docs/javascripts/python-worker.js).
//
//   node tests/pyodide/run_requests.mjs RUNTIME_DIR REQUESTS.json OUT.json
//
// RUNTIME_DIR is what hooks/pyodide_runtime.py builds (core files, wheels/, lock).
// OUT.json gets { boot_ms, responses: [handle(request) for each request] }.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { bootPython } from "../../docs/javascripts/python-worker.js";

const [runtimeArg, requestsPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: run_requests.mjs RUNTIME_DIR REQUESTS.json OUT.json");
  process.exit(2);
}
const runtime = path.resolve(runtimeArg) + path.sep;
const requests = JSON.parse(await readFile(requestsPath, "utf8"));

const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
const python = await bootPython(loadPyodide, {
  indexURL: runtime,
  lockFileURL: path.join(runtime, "pyodide-lock.json"),
  packageBaseUrl: runtime,
  packageCacheDir: runtime,
});
const bootMs = Math.round(performance.now() - started);

const responses = requests.map((request) => JSON.parse(python.call(JSON.stringify(request))));
python.close();
await writeFile(outPath, JSON.stringify({ boot_ms: bootMs, responses }));
