// Run checkers requests inside real Pyodide under Node, through the same boot code as
// the browser worker (docs/javascripts/python-worker.js).
//
//   node tests/pyodide/run_requests.mjs RUNTIME_DIR REQUESTS.json OUT.json
//
// RUNTIME_DIR is what hooks/pyodide_runtime.py builds (core files, wheels/, lock).
// OUT.json gets { boot_ms, responses, files, progress }: responses[i] is handle()'s reply to
// request i as checkers/_internal/worker.py gives it, files[i] the reply's files (base64).
// A request may carry a file as "$data" (base64): it reaches Python as bytes, the way the
// worker passes a file (a Uint8Array). With "$progress": true Python gets a callback, and
// progress[i] lists its calls as [done, total, rows] (null for other requests).
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

const progress = [];
const files = [];
const responses = requests.map(({ $data, $progress, ...request }) => {
  const calls = [];
  const extra = {};
  if ($data !== undefined) extra.data = new Uint8Array(Buffer.from($data, "base64"));
  if ($progress) extra.onProgress = (done, total, rows) => calls.push([done, total, rows]);
  progress.push($progress ? calls : null);
  const reply = python.call(JSON.stringify(request), extra);
  files.push(reply.files.map((bytes) => Buffer.from(bytes).toString("base64")));
  return JSON.parse(reply.text);
});
python.close();
await writeFile(outPath, JSON.stringify({ boot_ms: bootMs, responses, files, progress }));
