// Fetch the Python runtime ahead into the HTTP cache, so it is there when the reader reaches a
// check. widget-kit.js imports this module when the browser is idle on a page without a Python
// widget (the start page) and calls `prefetchAhead()`; a page with one starts the runtime
// itself. A reader saving data (Save-Data, a 2G connection, prefers-reduced-data) gets nothing
// ahead. The files are exactly those the worker fetches before its first answer (the lock's
// tool["sms-help"].sizes, hooks/pyodide_runtime.py), one at a time, at low priority.
// <html data-runtime-prefetch> says what happened: "saving-data" | "done" | "failed".

const BASE = new URL("../assets/pyodide/", import.meta.url);
const SCRIPTS = ["./python-runtime.js", "./python-worker.js"].map((name) => new URL(name, import.meta.url));

/** Whether the reader asked to save data, or the connection is too slow to fetch ahead. */
export function savingData(nav = navigator, media = globalThis.matchMedia?.bind(globalThis)) {
  const connection = nav.connection;
  if (connection?.saveData) return true;
  if (/(^|-)2g$/.test(connection?.effectiveType ?? "")) return true;
  return Boolean(media?.("(prefers-reduced-data: reduce)").matches);
}

/** Read `url` to the end (so the cache keeps the whole file) without holding its bytes. */
async function fetchToCache(url, init = {}) {
  const response = await fetch(url, { priority: "low", ...init });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await response.body?.pipeTo(new WritableStream());
}

/** Fetch the runtime's files into the HTTP cache, one after another. */
export async function prefetchRuntime() {
  // The worker revalidates the lock on every start; here it only says which files to fetch.
  const response = await fetch(new URL("pyodide-lock.json", BASE), { priority: "low", cache: "no-cache" });
  if (!response.ok) throw new Error(`pyodide-lock.json: HTTP ${response.status}`);
  const sizes = (await response.json()).tool?.["sms-help"]?.sizes ?? {};
  for (const url of [...SCRIPTS, ...Object.keys(sizes).map((name) => new URL(name, BASE))]) {
    await fetchToCache(url);
  }
}

/** Fetch the runtime ahead unless the reader is saving data; mark <html> with the outcome. */
export async function prefetchAhead() {
  const mark = (state) => (document.documentElement.dataset.runtimePrefetch = state);
  if (savingData()) {
    mark("saving-data");
    return;
  }
  try {
    await prefetchRuntime();
    mark("done");
  } catch (error) {
    mark("failed");
    console.warn(`Fetching the checker ahead failed: ${error?.message || error}`);
  }
}
