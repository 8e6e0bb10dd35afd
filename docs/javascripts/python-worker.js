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
// The Python side is checkers/_internal/worker.py (`call`, `warm`, `warm_later`). Every URL is resolved
// against this script's own URL, so the site works under a sub-path and under `mkdocs serve`;
// nothing is loaded from another origin.
//
// `bootPython` is exported so tests/pyodide/run_requests.mjs runs the same code in Node.

/** The package the worker imports ("checkers.worker") and whose lock entry it installs. */
const PACKAGE = "checkers";

/**
 * Load Pyodide and checkers, and return a caller.
 *
 * checkers and the packages it depends on (the lock's `depends`) are installed here, not by
 * Pyodide's loadPackage: their archives are read while Pyodide itself downloads and starts,
 * and unpacked into site-packages from JavaScript (Pyodide's own unpacking runs in Python:
 * measured, 100-250 ms of every start). Packages an op needs later (the Excel writer) still
 * come through loadPackage.
 * @param {Function} loadPyodide  pyodide's loadPyodide
 * @param {object} options  passed to loadPyodide (indexURL, lockFileContents, ...)
 * @param {object} host
 * @param {(fileName: string, sha256: string) => Promise<Uint8Array>} host.readPackage  the
 *   bytes of a lock entry's file (its `file_name`), checked against its sha256
 * @param {() => void} [host.onStarting]  called once the runtime is downloaded and Python starts
 * @returns {Promise<{call: (requestJson: string, extra?: {data?: Uint8Array,
 *   onProgress?: (done: number, total: number, rows: number) => void}) => Promise<{reply: object,
 *   files: Uint8Array[]}>, settle: () => void, close: () => void}>}  settle: the warm-up that
 *   waits until the first answers are out (call it once they are)
 */
export async function bootPython(loadPyodide, options, { readPackage, onStarting = () => {} }) {
  const archives = Promise.all(
    withDependencies(options.lockFileContents, PACKAGE).map(async (entry) => {
      try {
        return await readPackage(entry.file_name, entry.sha256);
      } catch (error) {
        throw new Error(`the checker's own files could not be loaded (${entry.file_name}: ${error?.message || error})`);
      }
    }),
  );
  archives.catch(() => {}); // awaited below; Pyodide failing first must not leave it unhandled
  const pyodide = await loadPyodide({ ...options, stdout: () => {}, stderr: (line) => console.warn(line) });
  onStarting();
  await installPackages(pyodide, await archives);
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
  };
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

/** Unpack each .tar.gz into Python's site-packages, as loadPackage would (install_dir "site"). */
async function installPackages(pyodide, archives) {
  const files = (await Promise.all(archives.map(gunzip))).flatMap(tarFiles);
  const site = pyodide.runPython("import sys\nnext(p for p in sys.path if p.endswith('/site-packages'))");
  for (const [name, bytes] of files) {
    const target = `${site}/${name}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, bytes);
  }
  pyodide.runPython("import importlib\nimportlib.invalidate_caches()");
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
function watchDownloads(baseURL, { onBytes, onFailure }) {
  const realFetch = self.fetch.bind(self);
  const early = new Map(); // url -> Promise<Response>
  const gzipped = new Set();
  let loaded = 0;
  let total = 0;
  const report = () => {
    if (total) onBytes(Math.min(99, Math.floor((100 * loaded) / total)));
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
    const lock = await lockResponse.json();
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
    const booted = await bootPython(loadPyodide, options, {
      readPackage: (fileName, sha256) => fetchPackage(new URL(fileName, indexURL).href, sha256),
      onStarting: () => {
        starting = true;
        if (!failed) status("loading", null);
      },
    });
    if (failed) return;
    python = booted;
    status("ready", 100);
  } catch (error) {
    fail(plainReason(error));
    return;
  } finally {
    downloads.stop();
  }
  for (const message of queue.splice(0)) enqueue(message);
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
