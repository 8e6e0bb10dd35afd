// Boot the site's Pyodide runtime under Node exactly as the browser worker does, and run
// checkers requests in it. Shared by the build (hooks/pyodide_stdlib.mjs measures and
// verifies the trimmed standard library with it) and the parity tests
// (tests/pyodide/run_requests.mjs), so both run what the site ships.
//
// A request may carry a file as "$data" (base64): it reaches Python as bytes, the way the
// worker passes a file (a Uint8Array). With "$progress": true Python gets a callback, and
// progress[i] lists its calls as [done, total, rows] (null for other requests).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { bootPython } from "../docs/javascripts/python-worker.js";

/** Our section of the lock's top-level "tool" table (see hooks/pyodide_runtime.py). */
export const TOOL_KEY = "sms-help";

/**
 * Boot RUNTIME_DIR (what hooks/pyodide_runtime.py builds) through the worker's bootPython.
 * @param {string} runtimeDir
 * @param {{fullStdlib?: boolean}} options  fullStdlib: boot npm's python_stdlib.zip instead of
 *   the lock's `stdlib_url` (the build measures what the full library imports)
 * @returns {Promise<{python: object, pyodide: object, bootMs: number}>}
 */
export async function bootRuntime(runtimeDir, { fullStdlib = false } = {}) {
  const started = performance.now();
  const runtime = path.resolve(runtimeDir) + path.sep;
  const lock = JSON.parse(await readFile(path.join(runtime, "pyodide-lock.json"), "utf8"));
  const options = { indexURL: runtime, lockFileContents: lock, packageBaseUrl: runtime, packageCacheDir: runtime };
  const stdlibUrl = lock.tool?.[TOOL_KEY]?.stdlib_url;
  if (stdlibUrl && !fullStdlib) options.stdLibURL = path.join(runtime, stdlibUrl);
  const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
  let pyodide;
  const python = await bootPython(async (config) => (pyodide = await loadPyodide(config)), options);
  return { python, pyodide, bootMs: Math.round(performance.now() - started) };
}

/**
 * Run each request, one after another, through the caller bootPython returned (an op that
 * needs an on-demand package loads it, as in the browser). files[i] are the bytes of reply
 * i's files (such as a corrected CSV), base64, in the order the reply's {"$file": n} name them.
 * @returns {{responses: object[], files: string[][], progress: (number[][] | null)[]}}
 */
export async function runRequests(python, requests) {
  const progress = [];
  const files = [];
  const responses = [];
  for (const { $data, $progress, ...request } of requests) {
    const calls = [];
    const extra = {};
    if ($data !== undefined) extra.data = new Uint8Array(Buffer.from($data, "base64"));
    if ($progress) extra.onProgress = (done, total, rows) => calls.push([done, total, rows]);
    progress.push($progress ? calls : null);
    const { reply, files: made } = await python.call(JSON.stringify(request), extra);
    files.push(made.map((bytes) => Buffer.from(bytes).toString("base64")));
    responses.push(reply);
  }
  return { responses, files, progress };
}
