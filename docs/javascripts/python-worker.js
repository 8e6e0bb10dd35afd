// Module Web Worker that runs the `checkers` package on self-hosted Pyodide.
//
// Started by python-runtime.js as `new Worker(url, { type: "module" })`.
// Messages in:   { type: "call", id, request, file?, progress? }   request = { op, ...args }
//                file: a File or Blob the reader chose, given to Python as request["data"]
//                progress: true to pass Python a callback that posts "progress" messages
// Messages out:  { type: "status", state: "loading" | "ready" | "error", progress, error }
//                  progress: 0-99 while the runtime downloads, null once it starts;
//                  error: why it could not start, in plain words
//                { type: "progress", id, done, total, rows }  while a call runs (see above)
//                { type: "reply", id, ok: true, result, files }  files: ArrayBuffers (transferred)
//                { type: "reply", id, ok: false, kind: "input" | "internal" | "package", error }
//                  "package": an on-demand package (the Excel writer) could not be loaded
//                { type: "fatal", id, error }  Python itself failed during the call: the worker
//                  is unusable and the page starts a fresh one (retry)
// The Python side is checkers/_internal/worker.py (`call`, `warm`). Every URL is resolved
// against this script's own URL, so the site works under a sub-path and under `mkdocs serve`;
// nothing is loaded from another origin.
//
// `bootPython` is exported so tests/pyodide/run_requests.mjs runs the same code in Node.

/**
 * Load Pyodide and checkers, and return a caller.
 * @param {Function} loadPyodide  pyodide's loadPyodide
 * @param {object} options  passed to loadPyodide (indexURL, lockFileURL or lockFileContents, ...)
 * @param {() => void} [onStarting]  called once the runtime is downloaded and Python starts
 * @returns {Promise<{call: (requestJson: string, extra?: {data?: Uint8Array,
 *   onProgress?: (done: number, total: number, rows: number) => void}) => Promise<{reply: object,
 *   files: Uint8Array[]}>, close: () => void}>}
 */
export async function bootPython(loadPyodide, options, onStarting = () => {}) {
  const pyodide = await loadPyodide({ ...options, stdout: () => {}, stderr: (line) => console.warn(line) });
  onStarting();
  // loadPackage reports failures (e.g. a wheel whose sha256 does not match) through
  // errorCallback instead of throwing: the errors it reported, none when all went well.
  const load = async (name) => {
    const errors = [];
    await pyodide.loadPackage(name, {
      messageCallback: () => {},
      errorCallback: (line) => errors.push(line),
      checkIntegrity: true,
    });
    return errors;
  };
  const errors = await load("checkers");
  if (errors.length) throw new Error(`the checker's own files could not be loaded (${errors.join(" ")})`);
  const module = pyodide.pyimport("checkers.worker");
  const call = module.call.copy();
  const warm = module.warm.copy();
  module.destroy();
  try {
    warm();
  } finally {
    warm.destroy();
  }
  const callOnce = (requestJson, extra) => {
    const reply = call.callKwargs(requestJson, extra);
    try {
      const [text, files] = reply.toJs();
      return { reply: JSON.parse(text), files };
    } finally {
      reply.destroy();
    }
  };
  return {
    // An op that needs a package loaded only on demand (the Excel writer) answers kind
    // "package" naming it: load it from the lock (sha256-checked) and ask once more. If it
    // cannot be loaded, Python's second answer says so in plain words.
    call: async (requestJson, { data, onProgress } = {}) => {
      const extra = {};
      if (data) extra.data = data;
      if (onProgress) extra.progress = onProgress;
      const first = callOnce(requestJson, extra);
      if (first.reply.ok || first.reply.kind !== "package") return first;
      const failed = await load(first.reply.package);
      if (failed.length) console.warn(failed.join(" "));
      return callOnce(requestJson, extra);
    },
    close: () => call.destroy(),
  };
}

/** The file name at the end of a URL, for messages ("pyodide.asm.wasm"). */
function fileName(url) {
  return decodeURIComponent(new URL(url).pathname.split("/").pop() || url);
}

/**
 * The standard library as Pyodide mounts it: the build gzips it whole (a zip compresses each
 * small file on its own, and static hosts send .zip files as they are), so it is inflated
 * here, unless the server already did (Content-Encoding): then it starts "PK", not gzip's 1f 8b.
 */
async function inflated(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : bytes;
  return new Response(body, { status: response.status, headers: { "Content-Type": "application/zip" } });
}

/**
 * Watch the runtime's downloads through the worker's own fetch: count their bytes for the
 * progress bar (on a clone, so the browser still streams and caches the original, compiled
 * WebAssembly included: measured, warm starts are as fast as without counting) and fail at
 * once, naming the file, when one cannot be downloaded (Pyodide itself would wait forever
 * for a missing pyodide.asm.wasm). The responses for `gzipped` URLs are inflated.
 */
function watchDownloads(baseURL, totalBytes, { onBytes, onFailure, gzipped = new Set() }) {
  const realFetch = self.fetch.bind(self);
  let loaded = 0;
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const ours = url.startsWith(baseURL);
    let response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      if (ours) onFailure(`a file it needs (${fileName(url)}) could not be downloaded: the connection failed`);
      throw error;
    }
    if (!ours) return response;
    if (!response.ok) {
      onFailure(`a file it needs (${fileName(url)}) could not be downloaded (HTTP ${response.status})`);
      return response;
    }
    if (totalBytes && response.body) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          loaded += value.byteLength;
          onBytes(Math.min(99, Math.floor((100 * loaded) / totalBytes)));
        }
      })().catch(() => {});
    }
    return gzipped.has(url) ? inflated(response) : response;
  };
  return () => {
    self.fetch = realFetch;
  };
}

async function startWorker() {
  const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
  const post = (message, transfer = []) => self.postMessage(message, transfer);
  const queue = [];
  let python = null;
  let failed = false;
  let lastPercent = -1;
  let starting = false;

  const status = (state, progress = null, error = null) => post({ type: "status", state, progress, error });
  const fail = (reason) => {
    if (failed) return;
    failed = true;
    python = null;
    status("error", null, reason);
  };

  const answer = async ({ id, request, file, progress }) => {
    if (failed) return; // the page keeps the call and sends it to a fresh worker
    let data;
    if (file) data = new Uint8Array(await file.arrayBuffer());
    const extra = { data };
    if (progress) extra.onProgress = (done, total, rows) => post({ type: "progress", id, done, total, rows });
    let out;
    try {
      out = await python.call(JSON.stringify(request), extra);
    } catch (error) {
      // handle() never raises: this is Python itself failing (out of memory, a crash).
      fail(`it stopped working (${error?.message || error})`);
      post({ type: "fatal", id, error: String(error?.message || error) });
      return;
    }
    const { reply } = out;
    const files = out.files.map((bytes) => bytes.buffer);
    if (reply.ok) post({ type: "reply", id, ok: true, result: reply.result, files }, files);
    else post({ type: "reply", id, ok: false, kind: reply.kind, error: reply.error });
  };

  // One call at a time, in order: Python is single-threaded and a call may be long.
  let running = Promise.resolve();
  const enqueue = (message) => {
    running = running.then(() => answer(message)).catch((error) => console.error(error));
  };

  self.onmessage = ({ data }) => {
    if (data?.type !== "call") return;
    if (python) enqueue(data);
    else queue.push(data);
  };

  status("loading", 0);
  let stopWatching = () => {};
  try {
    // The lock is small and names each wheel by hash: revalidate it on every start.
    const lockResponse = await fetch(new URL("pyodide-lock.json", indexURL), { cache: "no-cache" });
    if (!lockResponse.ok) throw new Error(`a file it needs (pyodide-lock.json) could not be downloaded (HTTP ${lockResponse.status})`);
    const lock = await lockResponse.json();
    const tool = lock.tool?.["sms-help"] ?? {};
    const options = { indexURL, lockFileContents: lock, packageBaseUrl: indexURL };
    // The standard library trimmed and compiled for the site (hooks/pyodide_stdlib.py).
    if (tool.stdlib_url) options.stdLibURL = new URL(tool.stdlib_url, indexURL).href;
    stopWatching = watchDownloads(indexURL, tool.download_bytes, {
      gzipped: new Set(options.stdLibURL?.endsWith(".gz") ? [options.stdLibURL] : []),
      onBytes: (percent) => {
        if (starting || percent === lastPercent) return;
        lastPercent = percent;
        status("loading", percent);
      },
      onFailure: fail,
    });
    // Module scripts are imported, not fetched: import them here so that one that cannot be
    // downloaded is named (loadPyodide imports the same modules again, from the module map).
    const [{ loadPyodide }] = await Promise.all(
      ["pyodide.mjs", "pyodide.asm.mjs"].map((name) =>
        import(new URL(name, indexURL).href).catch(() => {
          throw new Error(`a file it needs (${name}) could not be downloaded`);
        }),
      ),
    );
    const booted = await bootPython(loadPyodide, options, () => {
      starting = true;
      if (!failed) status("loading", null);
    });
    if (failed) return;
    python = booted;
    status("ready", 100);
  } catch (error) {
    fail(plainReason(error));
    return;
  } finally {
    stopWatching();
  }
  for (const message of queue.splice(0)) enqueue(message);
}

/** A start-up failure in words a reader can act on (Pyodide's own messages are technical). */
function plainReason(error) {
  const message = String(error?.message || error || "");
  if (/could not be (downloaded|loaded)/.test(message)) return message;
  if (/Failed to fetch|NetworkError|Load failed|import/i.test(message)) {
    return `its files could not be downloaded (${message}): check the connection and retry`;
  }
  if (/exit\(\d+\)|Aborted|RuntimeError|wasm/i.test(message)) {
    return `Python could not start in this browser (${message})`;
  }
  return message || "unknown error";
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  startWorker();
}
