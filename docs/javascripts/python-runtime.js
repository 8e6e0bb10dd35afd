// Main-thread client for the Python runtime: one module worker (python-worker.js)
// shared by every widget, started lazily and kept across Material's instant navigation.
//
//   import { callPython, warmPython, onStatus, retry } from "./python-runtime.js";
//   warmPython();                                   // widget shown: start Python now
//   const result = await callPython("check_number", { raw, default_region: "GB" });
//   const stop = onStatus(({ state, message, progress, error }) => { ... });
//   // A file's bytes, progress while Python reads them, and a way to stop:
//   await callPython("audit_csv_bytes", { column: "Mobile" },
//                    { data: await file.arrayBuffer(), onProgress: ({ done, total, rows }) => {}, signal });
//
// callPython resolves with handle()'s "result" and rejects with a PythonError:
// error.kind is "checker" when handle() answered { ok: false, error }, "runtime"
// when Python could not start (then retry() starts a fresh worker) and "cancelled" when
// the call's signal aborted it (Python cannot be interrupted mid-call, so the worker is
// replaced by a fresh one, as retry() does).
// Widgets import this module; it is not loaded on pages without one.

const WORKER_URL = new URL("./python-worker.js", import.meta.url);

/** A failed call: `kind` is "checker" (bad input) or "runtime" (Python unavailable). */
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
  pending: new Map(),
  listeners: new Set(),
  status: { state: "idle", message: "", progress: null, error: null },
});

function setStatus(status) {
  runtime.status = { progress: null, error: null, ...status };
  for (const listener of runtime.listeners) {
    try {
      listener(runtime.status);
    } catch (error) {
      console.error(error);
    }
  }
}

function failAll(message) {
  for (const { reject } of runtime.pending.values()) reject(new PythonError(message, "runtime"));
  runtime.pending.clear();
}

function start() {
  if (runtime.worker) return runtime.worker;
  const worker = new Worker(WORKER_URL, { type: "module", name: "python" });
  runtime.worker = worker;
  setStatus({ state: "loading", message: "Downloading Python…", progress: 0 });
  worker.onmessage = ({ data }) => {
    if (worker !== runtime.worker) return; // a message from a worker retry() replaced
    if (data.type === "status") {
      const { state, message, progress, error } = data;
      setStatus({ state, message, progress, error });
      if (state === "error") failAll(`Python failed to start: ${error}`);
    } else if (data.type === "progress") {
      const call = runtime.pending.get(data.id);
      if (call?.onProgress) {
        const { done, total, rows } = data;
        try {
          call.onProgress({ done, total, rows });
        } catch (error) {
          console.error(error);
        }
      }
    } else if (data.type === "reply") {
      const call = runtime.pending.get(data.id);
      if (!call) return;
      runtime.pending.delete(data.id);
      const { ok, result, error } = data.response;
      if (ok) call.resolve(result);
      else call.reject(new PythonError(error, runtime.status.state === "error" ? "runtime" : "checker"));
    }
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (worker !== runtime.worker) return;
    const error = event.message || "the Python worker could not be loaded";
    setStatus({ state: "error", message: "Python failed to start", error });
    failAll(`Python failed to start: ${error}`);
  };
  return worker;
}

/**
 * Run `checkers.api.handle({ op, ...args })` in the worker.
 * @param {string} op
 * @param {object} [args]  JSON-ready arguments
 * @param {object} [options]
 * @param {ArrayBuffer} [options.data]  a file's bytes, handed to the worker (the buffer is
 *   transferred, so it is empty here afterwards) and to Python as the "data" argument
 * @param {(p: {done: number, total: number, rows: number}) => void} [options.onProgress]
 *   called while Python works, for ops that report progress (audit_csv_bytes)
 * @param {AbortSignal} [options.signal]  aborting rejects the call with kind "cancelled"
 *   and restarts Python
 * @returns {Promise<object>} handle()'s "result"
 */
export function callPython(op, args = {}, { data, onProgress, signal } = {}) {
  if (signal?.aborted) return Promise.reject(new PythonError("Cancelled", "cancelled"));
  const worker = start();
  if (runtime.status.state === "error") {
    return Promise.reject(new PythonError(`Python failed to start: ${runtime.status.error}`, "runtime"));
  }
  const id = runtime.nextId++;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (!runtime.pending.delete(id)) return;
      reject(new PythonError("Cancelled", "cancelled"));
      retry(); // the worker is busy with this call and cannot hear a message: replace it
    };
    const settle = (fn) => (value) => {
      signal?.removeEventListener("abort", onAbort);
      fn(value);
    };
    runtime.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress });
    signal?.addEventListener("abort", onAbort, { once: true });
    const message = { type: "call", id, request: { ...args, op } };
    if (data !== undefined) message.data = data;
    if (onProgress) message.progress = true;
    worker.postMessage(message, data instanceof ArrayBuffer ? [data] : []);
  });
}

/** Start Python now (when a widget is shown), so the first keystroke is fast. */
export function warmPython() {
  start();
}

/** The current status: { state: "idle"|"loading"|"ready"|"error", message, progress, error }. */
export function getStatus() {
  return runtime.status;
}

/**
 * Call `listener(status)` now and on every change. Returns a function that unsubscribes.
 * Messages: "Downloading Python… 40%" (progress 0-99), "Starting…", "Ready",
 * "Python failed to start" (state "error", with the reason in `error`).
 */
export function onStatus(listener) {
  runtime.listeners.add(listener);
  listener(runtime.status);
  return () => runtime.listeners.delete(listener);
}

/** Drop the current worker (failed or not) and start a fresh one. */
export function retry() {
  const old = runtime.worker;
  runtime.worker = null;
  old?.terminate();
  failAll("Python was restarted");
  start();
}
