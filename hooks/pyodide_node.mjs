// Boot the site's Pyodide runtime under Node exactly as the browser worker does, and run
// checkers requests in it. Shared by the build (hooks/pyodide_stdlib.mjs measures and
// verifies the trimmed standard library with it) and the parity tests
// (tests/pyodide/run_requests.mjs), so both run what the site ships.
//
// A request may carry a file as "$data" (base64): it reaches Python as bytes, the way the
// worker passes a file (a Uint8Array). With "$progress": true Python gets a callback, and
// progress[i] lists its calls as [done, total, rows] (null for other requests).
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

import { bootPython } from "../docs/javascripts/python-worker.js";

/** Our section of the lock's top-level "tool" table (see hooks/pyodide_runtime.py). */
export const TOOL_KEY = "sms-help";

/** A package archive from disk, refused unless its sha256 is the lock's (as the browser does). */
async function readPackage(file, sha256) {
  const bytes = await readFile(file);
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== sha256) throw new Error(`its sha256 is ${actual}, not the lock's ${sha256}`);
  return new Uint8Array(bytes);
}

/**
 * Boot RUNTIME_DIR (what hooks/pyodide_runtime.py builds) through the worker's bootPython.
 * @param {string} runtimeDir
 * @param {{fullStdlib?: boolean, fromSnapshot?: boolean}} options  fullStdlib: boot npm's
 *   python_stdlib.zip instead of the lock's `stdlib_url` (the build measures what the full
 *   library imports); fromSnapshot: boot once making a memory snapshot, then again from it,
 *   as a browser's repeat visit does, and return the second
 * @returns {Promise<{python: object, pyodide: object, bootMs: number}>}
 */
export async function bootRuntime(runtimeDir, { fullStdlib = false, fromSnapshot = false } = {}) {
  const started = performance.now();
  const runtime = path.resolve(runtimeDir) + path.sep;
  const lock = JSON.parse(await readFile(path.join(runtime, "pyodide-lock.json"), "utf8"));
  const options = { indexURL: runtime, lockFileContents: lock, packageBaseUrl: runtime, packageCacheDir: runtime };
  const stdlibUrl = lock.tool?.[TOOL_KEY]?.stdlib_url;
  // Pyodide under Node reads stdLibURL from disk: the gzipped library (which the browser
  // worker inflates as it downloads it) goes through a temporary folder, inflated.
  let inflated = null;
  if (stdlibUrl && !fullStdlib) {
    options.stdLibURL = path.join(runtime, stdlibUrl);
    if (stdlibUrl.endsWith(".gz")) {
      inflated = await mkdtemp(path.join(tmpdir(), "pyodide-stdlib-"));
      options.stdLibURL = path.join(inflated, path.basename(stdlibUrl, ".gz"));
      await writeFile(options.stdLibURL, gunzipSync(await readFile(path.join(runtime, stdlibUrl))));
    }
  }
  const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
  let pyodide;
  const boot = (config) =>
    bootPython(async (settings) => (pyodide = await loadPyodide(settings)), config, {
      readPackage: (fileName, sha256) => readPackage(path.join(runtime, fileName), sha256),
    });
  try {
    let python = await boot({ ...options, _makeSnapshot: fromSnapshot });
    if (fromSnapshot) {
      const { snapshot } = python;
      if (!snapshot) throw new Error("bootPython made no snapshot");
      python.close();
      python = await boot({ ...options, _loadSnapshot: snapshot });
    }
    python.settle(); // as the worker does after its first answers: the same modules loaded
    return { python, pyodide, bootMs: Math.round(performance.now() - started) };
  } finally {
    if (inflated) await rm(inflated, { recursive: true, force: true });
  }
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
