// Run checkers requests inside real Pyodide under Node, through the same boot code as
// the browser worker (docs/javascripts/python-worker.js) and with the files the site ships
// (the lock's trimmed, compiled standard library: hooks/pyodide_node.mjs).
//
//   node tests/pyodide/run_requests.mjs RUNTIME_DIR REQUESTS.json OUT.json [--from-snapshot]
//
// --from-snapshot: Python is started from a memory snapshot of a first start, as a browser's
// repeat visit starts it (see snapshotStore in python-worker.js).
// RUNTIME_DIR is what hooks/pyodide_runtime.py builds (core files, stdlib/, wheels/, lock).
// OUT.json gets { boot_ms, stdlib, responses, files, progress }: responses[i] is handle()'s
// reply to request i as checkers/_internal/worker.py gives it, files[i] its files (base64).
// Requests are as runRequests in hooks/pyodide_node.mjs takes them ("$data", "$progress").
import { readFile, writeFile } from "node:fs/promises";

import { bootRuntime, runRequests } from "../../hooks/pyodide_node.mjs";

const [runtimeArg, requestsPath, outPath, ...flags] = process.argv.slice(2);
if (!outPath || flags.some((flag) => flag !== "--from-snapshot")) {
  console.error("usage: run_requests.mjs RUNTIME_DIR REQUESTS.json OUT.json [--from-snapshot]");
  process.exit(2);
}
const requests = JSON.parse(await readFile(requestsPath, "utf8"));
const fromSnapshot = flags.includes("--from-snapshot");
const { python, pyodide, bootMs } = await bootRuntime(runtimeArg, { fromSnapshot });
// Which standard library Python imports from: the parity tests check it is the shipped one.
const stdlib = pyodide.runPython("import sys; sys.modules['json'].__spec__.origin");
const { responses, files, progress } = await runRequests(python, requests);
python.close();
await writeFile(outPath, JSON.stringify({ boot_ms: bootMs, stdlib, responses, files, progress }));
