// Main-thread client for the Python runtime: one module worker (python-worker.js) shared by
// every widget, started lazily and kept across Material's instant navigation. Widgets do not
// import it themselves: widget-kit.js does, on the first page with a widget.
//
//   const result = await callPython("check_number", { raw, default_region: "GB" });
//   await callPython("audit_csv", { column: "Mobile" }, { file, onProgress, signal });
//   const stop = onStatus(({ state, progress, error }) => { ... });
//
// callPython resolves with handle()'s "result" (bytes in it arrive as Blobs) and rejects with
// a PythonError whose `kind` is "input" (checkers cannot check what it was given: the message
// says why), "internal" (a bug in checkers) or "cancelled" (the call's signal aborted it).
// Python failing to start is not an error of a call: the status becomes "error" and every
// call waits, to be sent again to the fresh worker that retry() starts. A call interrupted
// by a restart is sent again too, so a widget only ever sees its own result or its own error.

const WORKER_URL = new URL("./python-worker.js", import.meta.url);

/**
 * Where the page remembers whether the worker keeps a snapshot of Python started (see
 * snapshotStore in python-worker.js): "kept", "off" (this browser cannot restore one, or
 * has no Cache Storage) or nothing yet. The worker learns it from its URL's fragment, so a
 * first visit never waits to look for a snapshot that is not there.
 */
const SNAPSHOT_KEY = "sms-help.python-snapshot";

function snapshotHint() {
  try {
    return localStorage.getItem(SNAPSHOT_KEY) ?? "";
  } catch {
    return "off"; // no storage to remember it in: no snapshot either
  }
}

function rememberSnapshot(state) {
  try {
    localStorage.setItem(SNAPSHOT_KEY, state);
  } catch {
    // nothing to remember it in: the next visit starts Python as this one did
  }
}

/**
 * How long the runtime may go without any sign of progress while it starts (a download
 * step, or Python starting) before it is given up as stuck. WebKit needs about 7 s to start
 * Python on a desktop, a slow phone several times that; downloads report progress as they go.
 */
export const STALL_MS = 30_000;

/** A failed call: `kind` is "input", "internal" or "cancelled" (see above). */
export class PythonError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = "PythonError";
    this.kind = kind;
  }
}

// One runtime per page, even if this module were loaded twice under different URLs.
const KEY = Symbol.for("sms-help.python-runtime");
const runtime = (globalThis[KEY] ??= {
  worker: null,
  nextId: 1,
  calls: new Map(), // id -> { message, resolve, reject, onProgress }
  listeners: new Set(),
  status: { state: "idle", progress: null, error: null },
  stall: null,
});

function setStatus(status) {
  runtime.status = { progress: null, error: null, ...status };
  clearTimeout(runtime.stall);
  if (runtime.status.state === "loading") runtime.stall = setTimeout(stalled, STALL_MS);
  for (const listener of runtime.listeners) {
    try {
      listener(runtime.status);
    } catch (error) {
      console.error(error);
    }
  }
}

function stalled() {
  runtime.worker?.terminate();
  runtime.worker = null;
  // Restoring a snapshot that hangs must not hang every retry and visit after it.
  if (runtime.snapshotHint === "kept") rememberSnapshot("off");
  setStatus({ state: "error", error: `it did not get ready within ${STALL_MS / 1000} seconds` });
}

/** The files of a reply, as Blobs where checkers returned bytes ({"$file": index}). */
function withFiles(value, files) {
  if (Array.isArray(value)) return value.map((item) => withFiles(item, files));
  if (value && typeof value === "object") {
    if (typeof value.$file === "number" && Object.keys(value).length === 1) return new Blob([files[value.$file]]);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withFiles(item, files)]));
  }
  return value;
}

function onMessage(worker, { data }) {
  if (worker !== runtime.worker) return; // a message from a worker retry() replaced
  if (data.type === "snapshot") {
    rememberSnapshot(data.state);
    return;
  }
  if (data.type === "status") {
    setStatus({ state: data.state, progress: data.progress, error: data.error, restored: data.restored });
    if (data.state === "error") {
      worker.terminate();
      runtime.worker = null;
    }
    return;
  }
  const call = runtime.calls.get(data.id);
  if (!call) return;
  if (data.type === "progress") {
    try {
      call.onProgress?.({ done: data.done, total: data.total, rows: data.rows });
    } catch (error) {
      console.error(error);
    }
  } else if (data.type === "reply") {
    runtime.calls.delete(data.id);
    if (data.ok) call.resolve(withFiles(data.result, data.files ?? []));
    else call.reject(new PythonError(data.error, data.kind));
  }
  // "fatal": the worker also posts status "error"; the call waits for a fresh worker.
}

function start() {
  if (runtime.worker || runtime.status.state === "error") return;
  const url = new URL(WORKER_URL);
  runtime.snapshotHint = snapshotHint();
  url.hash = runtime.snapshotHint;
  const worker = new Worker(url, { type: "module", name: "python" });
  runtime.worker = worker;
  setStatus({ state: "loading", progress: 0 });
  worker.onmessage = (event) => onMessage(worker, event);
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (worker !== runtime.worker) return;
    worker.terminate();
    runtime.worker = null;
    setStatus({ state: "error", error: event.message || "the browser could not run its worker script" });
  };
  for (const call of runtime.calls.values()) worker.postMessage(call.message);
}

/**
 * Run `checkers.api.handle({ op, ...args })` in the worker.
 * @param {string} op
 * @param {object} [args]  JSON-ready arguments
 * @param {object} [options]
 * @param {Blob} [options.file]  a file the reader chose, given to Python as its "data" bytes
 * @param {(p: {done: number, total: number, rows: number}) => void} [options.onProgress]
 *   called while Python works, for ops that report progress (audit_csv)
 * @param {AbortSignal} [options.signal]  aborting rejects the call with kind "cancelled"
 *   and restarts Python (it cannot be interrupted mid-call)
 * @returns {Promise<object>} handle()'s "result"
 */
export function callPython(op, args = {}, { file, onProgress, signal } = {}) {
  if (signal?.aborted) return Promise.reject(new PythonError("Cancelled", "cancelled"));
  const id = runtime.nextId++;
  const message = { type: "call", id, request: { ...args, op } };
  if (file) message.file = file;
  if (onProgress) message.progress = true;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (!runtime.calls.delete(id)) return;
      reject(new PythonError("Cancelled", "cancelled"));
      retry(); // the worker is busy with this call and cannot hear a message: replace it
    };
    const settle = (fn) => (value) => {
      signal?.removeEventListener("abort", onAbort);
      fn(value);
    };
    runtime.calls.set(id, { message, resolve: settle(resolve), reject: settle(reject), onProgress });
    signal?.addEventListener("abort", onAbort, { once: true });
    if (runtime.worker) runtime.worker.postMessage(message);
    else start(); // sends every waiting call once the worker exists
  });
}

/** Start Python now (when a widget is shown), so the first keystroke is fast. */
export function warmPython() {
  start();
}

/** The current status: { state: "idle"|"loading"|"ready"|"error", progress, error, restored }. */
export function getStatus() {
  return runtime.status;
}

/** Call `listener(status)` now and on every change. Returns a function that unsubscribes. */
export function onStatus(listener) {
  runtime.listeners.add(listener);
  listener(runtime.status);
  return () => runtime.listeners.delete(listener);
}

/** Drop the current worker (failed or not) and start a fresh one; waiting calls go to it. */
export function retry() {
  runtime.worker?.terminate();
  runtime.worker = null;
  runtime.status = { state: "idle", progress: null, error: null };
  start();
}
