// Module Web Worker that runs the `checkers` package on self-hosted Pyodide.
//
// Started by python-runtime.js as `new Worker(url, { type: "module" })`.
// Messages in:   { type: "call", id, request, file?, progress? }   request = { op, ...args }
//                file: a File or Blob the reader chose, given to Python as request["data"]
//                progress: true to pass Python a callback that posts "progress" messages
// Messages out:  { type: "status", state: "loading" | "ready" | "error", progress, error, restored }
//                  progress: 0-99 while the runtime downloads, null once it is in;
//                  error: why it could not start, in plain words; restored: Python was
//                  restored from the snapshot of an earlier visit (see snapshotStore)
//                { type: "progress", id, done, total, rows }  while a call runs (see above)
//                { type: "reply", id, ok: true, result, files }  files: ArrayBuffers (transferred)
//                { type: "reply", id, ok: false, kind: "input" | "internal" | "package", error }
//                  "package": an on-demand package (the Excel writer) could not be loaded
//                { type: "fatal", id, error }  Python itself failed during the call: the worker
//                  is unusable and the page starts a fresh one (retry)
//                { type: "snapshot", state: "kept" | "off" }  a snapshot of Python was kept for
//                  the next visit, or this browser cannot use one; the page remembers it and
//                  gives it back as this script's URL fragment (#kept, #off: snapshotStore)
// The Python side is checkers/_internal/worker.py (`call`, `warm`, `warm_later`). Every URL is resolved
// against this script's own URL, so the site works under a sub-path and under `mkdocs serve`;
// nothing is loaded from another origin.
//
// `bootPython` is exported so tests/pyodide/run_requests.mjs runs the same code in Node
// (tests/test_runtime_build.py runs other exports there too).

/** The package the worker imports ("checkers.worker") and whose lock entry it installs. */
const PACKAGE = "checkers";

/**
 * Load Pyodide and checkers, and return a caller.
 *
 * checkers and the packages it depends on (the lock's `depends`) are installed here, not by
 * Pyodide's loadPackage: their archives are read and unpacked from JavaScript while Pyodide
 * itself downloads and starts, and written into site-packages once it has (Pyodide's own
 * unpacking runs in Python: measured, 100-250 ms of every start). Packages an op needs later
 * (the Excel writer) still come through loadPackage.
 * @param {Function} loadPyodide  pyodide's loadPyodide
 * @param {object} options  passed to loadPyodide (indexURL, lockFileContents, ...)
 * @param {object} host
 * @param {(fileName: string, sha256: string) => Promise<Uint8Array>} host.readPackage  the
 *   bytes of a lock entry's file (its `file_name`), checked against its sha256
 * @param {() => void} [host.onStarting]  called once the runtime is downloaded and Python starts
 * @returns {Promise<{call: (requestJson: string, extra?: {data?: Uint8Array,
 *   onProgress?: (done: number, total: number, rows: number) => void}) => Promise<{reply: object,
 *   files: Uint8Array[]}>, settle: () => void, close: () => void, snapshot: Uint8Array | null}>}
 *   settle: the warm-up that waits until the first answers are out (call it once they are);
 *   snapshot: with `options._makeSnapshot`, Pyodide's memory snapshot of Python started, with
 *   checkers imported and warm and before any call (so it holds nothing a reader typed); a
 *   later boot given it as `options._loadSnapshot` starts from there (see `snapshotStore`)
 */
export async function bootPython(loadPyodide, options, { readPackage, onStarting = () => {} }) {
  // Read and unpacked while Pyodide downloads and starts: only writing them waits for it.
  const files = Promise.all(
    withDependencies(options.lockFileContents, PACKAGE).map(async (entry) => {
      let bytes;
      try {
        bytes = await readPackage(entry.file_name, entry.sha256);
      } catch (error) {
        throw new Error(`the checker's own files could not be loaded (${entry.file_name}: ${error?.message || error})`);
      }
      return tarFiles(await gunzip(bytes));
    }),
  );
  files.catch(() => {}); // awaited below; Pyodide failing first must not leave it unhandled
  const pyodide = await loadPyodide({ ...options, stdout: () => {}, stderr: (line) => console.warn(line) });
  onStarting();
  installFiles(pyodide, (await files).flat());
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
  const module = pyodide.pyimport(`${PACKAGE}.worker`);
  const call = module.call.copy();
  const warm = module.warm.copy();
  let warmLater = module.warm_later.copy();
  module.destroy();
  try {
    warm();
  } finally {
    warm.destroy();
  }
  const snapshot = options._makeSnapshot ? memorySnapshot(pyodide) : null;
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
    // What can wait until the first answers are out (checkers' warm_later).
    settle: () => {
      if (!warmLater) return;
      try {
        warmLater();
      } finally {
        warmLater.destroy();
        warmLater = null;
      }
    },
    close: () => {
      call.destroy();
      warmLater?.destroy();
    },
    snapshot,
  };
}

/** Pyodide's memory snapshot of `pyodide` as it is now, or null if it cannot make one. */
function memorySnapshot(pyodide) {
  try {
    return pyodide.makeMemorySnapshot();
  } catch (error) {
    console.warn(`No snapshot of Python could be made: ${error?.message || error}`);
    return null;
  }
}

/** The lock's entry for `name` and those of every package it depends on, each once. */
export function withDependencies(lock, name) {
  const entries = new Map();
  const visit = (package_) => {
    if (entries.has(package_)) return;
    const entry = lock?.packages?.[package_];
    if (!entry) throw new Error(`the checker's own files could not be loaded (pyodide-lock.json lists no ${package_})`);
    entries.set(package_, entry);
    for (const dependency of entry.depends ?? []) visit(dependency);
  };
  visit(name);
  return [...entries.values()];
}

/**
 * The files of a ustar archive as [name, bytes]: hooks/pyodide_archives.py writes nothing
 * else (regular files, sorted); any other entry is refused rather than skipped.
 * @param {Uint8Array} bytes
 * @returns {Array<[string, Uint8Array]>}
 */
export function tarFiles(bytes) {
  const decoder = new TextDecoder();
  const text = (header, start, length) =>
    decoder.decode(header.subarray(start, start + length)).replace(/\0[\s\S]*$/, "");
  const files = [];
  for (let offset = 0; offset + 512 <= bytes.length; ) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return files; // the end-of-archive blocks
    const prefix = text(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + text(header, 0, 100);
    const size = Number.parseInt(text(header, 124, 12).trim(), 8);
    const type = text(header, 156, 1) || "0";
    if (text(header, 257, 5) !== "ustar" || !Number.isSafeInteger(size) || type !== "0" || name.split("/").includes("..")) {
      throw new Error(`a package archive holds an entry it should not (${name || "unnamed"})`);
    }
    offset += 512;
    if (offset + size > bytes.length) throw new Error(`a package archive ends inside ${name}`);
    files.push([name, bytes.subarray(offset, offset + size)]);
    offset += Math.ceil(size / 512) * 512;
  }
  throw new Error("a package archive has no end");
}

/** Inflate gzip bytes with the platform's own DecompressionStream (browsers and Node). */
async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Write the packages' files (`tarFiles` of each .tar.gz) into Python's site-packages, as
 * loadPackage would (install_dir "site").
 */
function installFiles(pyodide, files) {
  const site = pyodide.runPython("import sys\nnext(p for p in sys.path if p.endswith('/site-packages'))");
  for (const [name, bytes] of files) {
    const target = `${site}/${name}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, bytes);
  }
  // Only site-packages' finder can have listed the folder before: importlib.invalidate_caches()
  // would also import importlib.metadata for its own finder (measured: 12-15 ms of a start).
  const finder = `sys.path_importer_cache.get(${JSON.stringify(site)})`;
  pyodide.runPython(`import sys\n${finder} and ${finder}.invalidate_caches()`);
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
 * for a missing pyodide.asm.wasm).
 *
 * `ahead(url, init)` requests a file now, before Pyodide asks for it: its request (one
 * without an integrity: a checked request is never answered by an unchecked one) then gets
 * that response. So the big files download from the start, not one after another as
 * Pyodide reaches each. Responses for `inflate`d URLs are inflated. `setTotal(bytes)` gives
 * the progress bar its 100 %.
 */
export function watchDownloads(baseURL, { onBytes, onFailure }) {
  const realFetch = self.fetch.bind(self);
  const early = new Map(); // url -> Promise<Response>
  const gzipped = new Set();
  let loaded = 0;
  let total = 0;
  // Once every byte is in, Python starts: no percent then (a 99 % that stays while a slow
  // phone starts Python looks stuck).
  const report = () => {
    if (total) onBytes(loaded >= total ? null : Math.min(99, Math.floor((100 * loaded) / total)));
  };
  const download = async (url, init) => {
    let response;
    try {
      response = await realFetch(url, init);
    } catch (error) {
      // With an integrity, the browser refuses a file whose sha256 is not the lock's as it
      // refuses a broken connection: one message says both.
      const why = init?.integrity ? " whole (the connection failed, or it arrived damaged)" : ": the connection failed";
      onFailure(`a file it needs (${fileName(url)}) could not be downloaded${why}`);
      throw error;
    }
    if (!response.ok) {
      onFailure(`a file it needs (${fileName(url)}) could not be downloaded (HTTP ${response.status})`);
      return response;
    }
    if (response.body) {
      const reader = response.clone().body.getReader();
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          loaded += value.byteLength;
          report();
        }
      })().catch(() => {});
    }
    return response;
  };
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(baseURL)) return realFetch(input, init);
    const ahead = init?.integrity ? undefined : early.get(url);
    if (ahead) early.delete(url);
    const response = await (ahead ?? download(input, init));
    return gzipped.has(url) && response.ok ? inflated(response) : response;
  };
  return {
    ahead(url, init = {}) {
      if (early.has(url)) return;
      const response = download(url, init);
      response.catch(() => {}); // reported by onFailure; rejected again to the one who asks
      early.set(url, response);
    },
    inflate(url) {
      gzipped.add(url);
    },
    setTotal(bytes) {
      total = bytes || 0;
      report();
    },
    stop() {
      self.fetch = realFetch;
    },
  };
}

/** The Cache Storage cache that keeps the snapshot of Python for repeat visits. */
const SNAPSHOTS = "sms-help-python-snapshot";
/** How long a start waits for the saved snapshot before it starts Python afresh instead. */
const SNAPSHOT_READ_MS = 2000;

/**
 * Where a repeat visit finds Python already started: Pyodide's memory snapshot, kept in
 * Cache Storage under a name made from the lock's sha256, so a snapshot of another build
 * (other checkers, another Pyodide) is never read; writing one deletes the others.
 * Restoring it skips starting Python and importing checkers. It is kept `sparse` (about
 * 13 MB of its 31) on the reader's disk and is never sent anywhere; it is made before any
 * call, so it holds nothing a reader typed. Null where the browser has no
 * Cache Storage (or refuses it, as in some private windows): Python then starts as usual.
 * @param {string} indexURL
 * @param {string} lockText  the lock as downloaded
 */
async function snapshotStore(indexURL, lockText) {
  if (typeof caches === "undefined" || !crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(lockText)));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  const key = new URL(`python-snapshot-${hex}.bin`, indexURL).href;
  const open = () => caches.open(SNAPSHOTS); // only when used: it is slow in a new profile
  return {
    /** The saved snapshot, or null (none, unreadable, or slower than `SNAPSHOT_READ_MS`). */
    async read() {
      const reading = (async () => {
        const response = await (await open()).match(key);
        return response ? unsparse(new Uint8Array(await response.arrayBuffer())) : null;
      })();
      let timer;
      const late = new Promise((resolve) => (timer = setTimeout(() => resolve(null), SNAPSHOT_READ_MS)));
      return Promise.race([reading, late])
        .catch(() => null)
        .finally(() => clearTimeout(timer));
    },
    /** Keep `bytes` as this build's snapshot, in place of any other; tell whether it was. */
    async write(bytes) {
      try {
        const cache = await open();
        for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
        const body = new Blob([sparse(bytes)], { type: "application/octet-stream" });
        await cache.put(key, new Response(body));
        return true;
      } catch (error) {
        console.warn(`The snapshot of Python could not be kept: ${error?.message || error}`);
        return false;
      }
    },
    /** Forget every snapshot (after one could not be restored). */
    async drop() {
      await caches.delete(SNAPSHOTS).catch(() => {});
    },
  };
}

/** The size of the pages `sparse` leaves out when they hold only zeros. */
const SPARSE_PAGE = 4096;

/**
 * `bytes` without its pages of zeros: a header of little-endian uint32s (the length of
 * `bytes`, the number of runs kept, and each run's offset and length), then the runs.
 * Python's memory after it starts is 31 MB, 18 of them whole pages of zeros; reading the
 * other 13 back is quicker than reading 31 or inflating them gzipped (measured: 320 ms and
 * 250-400 ms in Chromium, against about 100).
 */
export function sparse(bytes) {
  // Tested four bytes at a time where they line up (Pyodide's snapshot does).
  const aligned = bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0;
  const units = aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : bytes;
  const perPage = aligned ? SPARSE_PAGE / 4 : SPARSE_PAGE;
  const runs = [];
  let kept = 0;
  for (let first = 0; first < units.length; first += perPage) {
    const end = Math.min(first + perPage, units.length);
    let unit = first;
    while (unit < end && units[unit] === 0) unit++;
    if (unit === end) continue; // a page of zeros
    const start = first * (aligned ? 4 : 1);
    const size = Math.min(start + SPARSE_PAGE, bytes.length) - start;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === start) last[1] += size;
    else runs.push([start, size]);
    kept += size;
  }
  const header = 8 + 8 * runs.length;
  const out = new Uint8Array(header + kept);
  const words = new DataView(out.buffer);
  words.setUint32(0, bytes.length, true);
  words.setUint32(4, runs.length, true);
  let at = header;
  runs.forEach(([start, length], index) => {
    words.setUint32(8 + 8 * index, start, true);
    words.setUint32(12 + 8 * index, length, true);
    out.set(bytes.subarray(start, start + length), at);
    at += length;
  });
  return out;
}

/** The bytes `sparse` was given; throws if `data` is not what it makes. */
export function unsparse(data) {
  const words = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const fail = () => {
    throw new Error("the saved snapshot is damaged");
  };
  if (data.length < 8) fail();
  const length = words.getUint32(0, true);
  const count = words.getUint32(4, true);
  let at = 8 + 8 * count;
  if (at > data.length) fail();
  const out = new Uint8Array(length);
  for (let index = 0; index < count; index++) {
    const start = words.getUint32(8 + 8 * index, true);
    const size = words.getUint32(12 + 8 * index, true);
    if (start + size > length || at + size > data.length) fail();
    out.set(data.subarray(at, at + size), start);
    at += size;
  }
  if (at !== data.length) fail();
  return out;
}

/** The Subresource Integrity of a sha256 given in hex (as the lock gives it). */
function integrityOf(sha256) {
  return `sha256-${btoa(String.fromCharCode(...sha256.match(/../g).map((hex) => Number.parseInt(hex, 16))))}`;
}

/** A package archive, fetched with its sha256 as Subresource Integrity (the browser checks it). */
async function fetchPackage(url, sha256) {
  const response = await fetch(url, { integrity: integrityOf(sha256) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Start Python for this visit. A repeat visit starts from the snapshot an earlier one kept
 * (`hint`, this script's URL fragment, says whether there is one); a first visit, or one
 * whose snapshot is from another build (not found), starts afresh and makes a snapshot for
 * the next. One that cannot be restored is dropped, and this browser makes no more: the page
 * is told ("snapshot" "off") as it is when there is nowhere to keep one.
 * @returns {Promise<{python: object, restored: boolean, keep: (() => Promise<unknown>) | null}>}
 *   keep: writes the snapshot made (and tells the page "kept"); `failed()` stops a second
 *   start after a failed download
 */
async function bootForThisVisit(loadPyodide, options, host, { hint, lockText, post, failed }) {
  const snapshots = hint === "off" ? null : await snapshotStore(options.indexURL, lockText).catch(() => null);
  if (!snapshots && hint !== "off") post({ type: "snapshot", state: "off" });
  const saved = hint === "kept" ? await snapshots?.read() : null;
  if (saved) {
    try {
      const python = await bootPython(loadPyodide, { ...options, _loadSnapshot: saved }, host);
      // Copied into Python's memory now; Pyodide keeps its options, so let the 31 MB go.
      saved.buffer.transfer?.(0);
      return { python, restored: true, keep: null };
    } catch (error) {
      if (failed()) throw error;
      console.warn(`The saved snapshot of Python could not be restored: ${error?.message || error}`);
      post({ type: "snapshot", state: "off" });
      await snapshots.drop();
      return { python: await bootPython(loadPyodide, options, host), restored: false, keep: null };
    }
  }
  const python = await bootPython(loadPyodide, { ...options, _makeSnapshot: Boolean(snapshots) }, host);
  const made = python.snapshot;
  python.snapshot = null; // the caller keeps Python: only `keep` holds the 31 MB
  const keep = made ? async () => (await snapshots.write(made)) && post({ type: "snapshot", state: "kept" }) : null;
  return { python, restored: false, keep };
}

async function startWorker() {
  const indexURL = new URL("../assets/pyodide/", import.meta.url).href;
  const post = (message, transfer = []) => self.postMessage(message, transfer);
  const queue = [];
  let python = null;
  let failed = false;
  let lastPercent = -1;
  let starting = false;
  let keep = null; // writes the snapshot this start made for the next visit, if it made one

  const status = (state, progress = null, error = null, restored = false) =>
    post({ type: "status", state, progress, error, restored });
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
  const downloads = watchDownloads(indexURL, {
    onBytes: (percent) => {
      if (starting || percent === lastPercent) return;
      lastPercent = percent;
      status("loading", percent);
    },
    onFailure: fail,
  });
  try {
    // The biggest file first: it downloads (and compiles) while the lock and the modules do.
    downloads.ahead(new URL("pyodide.asm.wasm", indexURL).href, { credentials: "same-origin" });
    // Module scripts are imported, not fetched: import them here so that one that cannot be
    // downloaded is named (loadPyodide imports the same modules again, from the module map).
    const modules = Promise.all(
      ["pyodide.mjs", "pyodide.asm.mjs"].map((name) =>
        import(new URL(name, indexURL).href).catch(() => {
          throw new Error(`a file it needs (${name}) could not be downloaded`);
        }),
      ),
    );
    modules.catch(() => {}); // awaited once the lock is in, unless the lock fails
    // The lock is small and names each wheel by hash: revalidate it on every start.
    const lockResponse = await fetch(new URL("pyodide-lock.json", indexURL), { cache: "no-cache" });
    if (!lockResponse.ok) throw new Error(`a file it needs (pyodide-lock.json) could not be downloaded (HTTP ${lockResponse.status})`);
    const lockText = await lockResponse.text();
    const lock = JSON.parse(lockText);
    const tool = lock.tool?.["sms-help"] ?? {};
    const options = { indexURL, lockFileContents: lock, packageBaseUrl: indexURL };
    downloads.setTotal(tool.download_bytes);
    // The standard library trimmed and compiled for the site (hooks/pyodide_stdlib.py).
    if (tool.stdlib_url) {
      options.stdLibURL = new URL(tool.stdlib_url, indexURL).href;
      if (options.stdLibURL.endsWith(".gz")) downloads.inflate(options.stdLibURL);
      downloads.ahead(options.stdLibURL);
    }
    // bootPython requests checkers' archives at once, while Pyodide's modules still import.
    const loadPyodide = async (config) => (await modules)[0].loadPyodide(config);
    const host = {
      readPackage: (fileName, sha256) => fetchPackage(new URL(fileName, indexURL).href, sha256),
      onStarting: () => {
        starting = true;
        if (!failed) status("loading", null);
      },
    };
    const hint = new URL(import.meta.url).hash.slice(1); // "kept", "off" or ""
    const booted = await bootForThisVisit(loadPyodide, options, host, { hint, lockText, post, failed: () => failed });
    if (failed) return;
    python = booted.python;
    keep = booted.keep;
    status("ready", 100, null, booted.restored);
  } catch (error) {
    fail(plainReason(error));
    return;
  } finally {
    downloads.stop();
  }
  for (const message of queue.splice(0)) enqueue(message);
  // The snapshot is kept once the waiting calls are answered (the first verdict never waits
  // for it), and written while Python goes on.
  if (keep) {
    const write = keep;
    keep = null; // the 31 MB are let go once written
    running = running.then(() => void write());
  }
  // After the calls that were waiting, not before: a keystroke now waits for it at most once.
  running = running.then(() => python?.settle()).catch((error) => console.error(error));
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
