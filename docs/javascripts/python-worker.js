// Module Web Worker that runs the `checkers` package on self-hosted Pyodide.
//
// Started by python-runtime.js as `new Worker(url, { type: "module" })`.
// Messages in:   { type: "call", id, request, data?, progress? }   request = { op, ...args }
//                data: an ArrayBuffer (transferred), given to Python as request["data"] (bytes)
//                progress: true to pass Python a callback that posts "progress" messages
// Messages out:  { type: "status", state: "loading" | "ready" | "error", message, progress, error }
//                { type: "progress", id, done, total, rows }  while a call runs (see above)
//                { type: "reply", id, response }  response = checkers.api.handle(request)
// Every URL is resolved against this script's own URL, so the site works under a
// sub-path and under `mkdocs serve`; nothing is loaded from another origin.
//
// `bootPython` is exported so tests/pyodide/run_requests.mjs runs the same code in Node.

// Python side of a call: JSON text in, JSON text out, so no PyProxy crosses to JS. A file's
// bytes (a Uint8Array) are copied into Python bytes once; a progress callback is a JS function.
const SHIM = `
import json
from checkers.api import handle as _handle

def call(request_json, data=None, progress=None):
    request = json.loads(request_json)
    if isinstance(request, dict):
        if data is not None:
            request["data"] = data.to_bytes()
        if progress is not None:
            request["progress"] = progress
    return json.dumps(_handle(request))

def warm():
    # Run the number check once (handle() never raises) so phonenumbers loads its
    # metadata now, not on the reader's first keystroke.
    _handle({"op": "check_number", "raw": "07400 123456", "default_region": "GB"})
    _handle({"op": "check_number", "raw": "+1 202 555 0100", "default_region": "GB"})
`;

/**
 * Load Pyodide and checkers, and return a caller.
 * @param {Function} loadPyodide  pyodide's loadPyodide
 * @param {object} options  passed to loadPyodide (indexURL, lockFileURL or lockFileContents, ...)
 * @param {(status: object) => void} onStatus
 * @returns {Promise<{call: (requestJson: string, extra?: {data?: Uint8Array,
 *   onProgress?: (done: number, total: number, rows: number) => void}) => string, close: () => void}>}
 */
export async function bootPython(loadPyodide, options, onStatus = () => {}) {
  const pyodide = await loadPyodide({ ...options, stdout: () => {}, stderr: (line) => console.warn(line) });
  onStatus({ state: "loading", message: "Starting…", progress: null });
  // loadPackage reports failures (e.g. a wheel whose sha256 does not match) through
  // errorCallback instead of throwing.
  const errors = [];
  await pyodide.loadPackage("checkers", {
    messageCallback: () => {},
    errorCallback: (line) => errors.push(line),
    checkIntegrity: true,
  });
  if (errors.length) throw new Error(`could not load the checkers package: ${errors.join(" ")}`);
  const namespace = pyodide.toPy({}); // a fresh Python dict for the shim's globals
  let call;
  let warm;
  try {
    pyodide.runPython(SHIM, { globals: namespace });
    call = namespace.get("call");
    warm = namespace.get("warm");
  } finally {
    namespace.destroy();
  }
  try {
    warm();
  } finally {
    warm.destroy();
  }
  return {
    call: (requestJson, { data, onProgress } = {}) => {
      const extra = {};
      if (data) extra.data = data;
      if (onProgress) extra.progress = onProgress;
      return call.callKwargs(requestJson, extra);
    },
    close: () => call.destroy(),
  };
}

// Counts the bytes of same-origin runtime downloads to report progress. Wraps the
// worker's own fetch only; each body is re-streamed unchanged with its headers
// (so WebAssembly.instantiateStreaming still sees application/wasm).
function countDownloads(baseURL, totalBytes, report) {
  const realFetch = self.fetch.bind(self);
  let loaded = 0;
  let lastPercent = -1;
  self.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (!totalBytes || !url.startsWith(baseURL) || !response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        loaded += value.byteLength;
        const percent = Math.min(100, Math.floor((100 * loaded) / totalBytes));
        if (percent !== lastPercent) {
          lastPercent = percent;
          report(percent);
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const { status, statusText, headers } = response;
    return new Response(body, { status, statusText, headers });
  };
  return () => {
    self.fetch = realFetch;
  };
}

async function startWorker() {
  const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
  const post = (message) => self.postMessage(message);
  const status = (state, message, progress = null, error = null) =>
    post({ type: "status", state, message, progress, error });
  const queue = [];
  let python = null;
  let failed = null;

  const answer = ({ id, request, data, progress }) => {
    let response;
    if (failed) response = { ok: false, error: `Python failed to start: ${failed}` };
    else {
      try {
        const extra = {};
        if (data instanceof ArrayBuffer) extra.data = new Uint8Array(data);
        else if (ArrayBuffer.isView(data)) extra.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (progress) extra.onProgress = (done, total, rows) => post({ type: "progress", id, done, total, rows });
        response = JSON.parse(python.call(JSON.stringify(request), extra));
      } catch (error) {
        // handle() never raises, so this is a bug in the runtime itself.
        response = { ok: false, error: `Python runtime error: ${error.message}` };
      }
    }
    post({ type: "reply", id, response });
  };

  self.onmessage = ({ data }) => {
    if (data?.type !== "call") return;
    if (python || failed) answer(data);
    else queue.push(data);
  };

  status("loading", "Downloading Python… 0%", 0);
  let started = false; // set once the big downloads are in: the rest shows as "Starting…"
  let restoreFetch = () => {};
  try {
    // The lock is small and names each wheel by hash: revalidate it on every start.
    const lockResponse = await fetch(new URL("pyodide-lock.json", indexURL), { cache: "no-cache" });
    if (!lockResponse.ok) throw new Error(`pyodide-lock.json: HTTP ${lockResponse.status}`);
    const lock = await lockResponse.json();
    restoreFetch = countDownloads(indexURL, lock.tool?.["sms-help"]?.download_bytes, (percent) => {
      if (started) return;
      if (percent < 100) status("loading", `Downloading Python… ${percent}%`, percent);
      else {
        started = true;
        status("loading", "Starting…", null);
      }
    });
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    python = await bootPython(
      loadPyodide,
      { indexURL, lockFileContents: lock, packageBaseUrl: indexURL },
      ({ state, message, progress }) => {
        if (!started) status(state, message, progress);
        started = true;
      },
    );
    status("ready", "Ready", 100);
  } catch (error) {
    failed = error?.message || String(error);
    status("error", "Python failed to start", null, failed);
  } finally {
    restoreFetch();
  }
  for (const message of queue.splice(0)) answer(message);
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  startWorker();
}
