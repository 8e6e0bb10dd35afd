// Build-time Pyodide work for hooks/pyodide_stdlib.py, run under Node:
//
//   node hooks/pyodide_stdlib.mjs measure RUNTIME_DIR PROBE.json OUT.json [--full-stdlib]
//     Boot RUNTIME_DIR as the worker does (hooks/pyodide_node.mjs), run every probe request
//     and one Python error through JS, and write what Python imported: OUT.json gets
//     { modules: {name: spec origin}, builtin, frozen, stdlib_zip, site_packages,
//     boot_modules (imported before the probe), responses, error }.
//     --full-stdlib boots npm's python_stdlib.zip instead of the lock's stdlib_url.
//
//   node hooks/pyodide_stdlib.mjs compile RUNTIME_DIR WORK_DIR JOBS.json
//     Compile Python files to .pyc with Pyodide's own interpreter (so the bytecode is its
//     Python's, whatever Python runs the build). JOBS.json lists
//     [source, target, co_filename, optimize, keepLines, keepDocs], paths relative to
//     WORK_DIR; keepLines false replaces every code object's line table (co_linetable) with
//     one that puts all its instructions on its first line, without columns (2 bytes per 8
//     units); keepDocs false drops the docstrings of the module, its classes and functions.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { bootRuntime, runRequests } from "./pyodide_node.mjs";

// Runs after the probe: what the interpreter holds, and where each module came from.
const REPORT = `
import _imp, json, sys
json.dumps({
    "modules": {
        name: getattr(getattr(module, "__spec__", None), "origin", None)
        for name, module in list(sys.modules.items())
    },
    "builtin": sorted(sys.builtin_module_names),
    "frozen": sorted(_imp._frozen_module_names()),
    "stdlib_zip": next(p for p in sys.path if p.endswith(".zip")),
    "site_packages": next(p for p in sys.path if p.endswith("site-packages")),
})
`;

// A Python exception raised in the standard library and formatted for JS (PythonError):
// the traceback code must work with the trimmed library and its line-less bytecode.
const ERROR_PROBE = `import json\njson.loads("{")`;

const COMPILE = `
import ast, importlib.util, json, os
from importlib._bootstrap_external import _code_to_hash_pyc

def _without_docstrings(tree):
    # What optimize=2 does to docstrings, without dropping the asserts as it also does.
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass(lineno=body[0].lineno, col_offset=0)]
    return ast.fix_missing_locations(tree)

def _first_line_only(code):
    # Location table entries (CPython's Objects/locations.md): a header byte 1cccclll, code
    # 13 = "no columns", lll = code units - 1 (up to 8), then the line delta as a signed
    # varint: 0, so every instruction is on co_firstlineno. An empty table would not do:
    # traceback's _get_code_position expects one position per instruction.
    table, units = bytearray(), len(code.co_code) // 2
    while units:
        step = min(units, 8)
        table += bytes((0x80 | 13 << 3 | (step - 1), 0))
        units -= step
    consts = tuple(_first_line_only(c) if hasattr(c, "co_code") else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)

def compile_jobs(work, jobs):
    for source, target, filename, optimize, keep_lines, keep_docs in json.loads(jobs):
        with open(os.path.join(work, source), "rb") as fh:
            text = fh.read()
        tree = text if keep_docs else _without_docstrings(ast.parse(text, filename))
        code = compile(tree, filename, "exec", dont_inherit=True, optimize=optimize)
        if not keep_lines:
            code = _first_line_only(code)
        # Sourceless: the hash is never checked, and keeps the file reproducible.
        data = _code_to_hash_pyc(code, importlib.util.source_hash(text), checked=False)
        path = os.path.join(work, target)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
`;

async function measure(runtimeDir, probePath, outPath, flags) {
  const probe = JSON.parse(await readFile(probePath, "utf8"));
  const { python, pyodide } = await bootRuntime(runtimeDir, { fullStdlib: flags.includes("--full-stdlib") });
  // What the worker's start (bootPython: loading checkers and its warm-up) imported.
  const bootModules = JSON.parse(pyodide.runPython("import json, sys; json.dumps(sorted(sys.modules))"));
  const { responses } = await runRequests(python, probe);
  let error = null;
  try {
    pyodide.runPython(ERROR_PROBE);
  } catch (caught) {
    error = String(caught?.message ?? caught);
  }
  const report = JSON.parse(pyodide.runPython(REPORT));
  python.close();
  await writeFile(outPath, JSON.stringify({ ...report, boot_modules: bootModules, responses, error }));
}

async function compileJobs(runtimeDir, workDir, jobsPath) {
  const runtime = path.resolve(runtimeDir) + path.sep;
  const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: runtime });
  pyodide.mountNodeFS("/work", path.resolve(workDir));
  const namespace = pyodide.toPy({});
  try {
    pyodide.runPython(COMPILE, { globals: namespace });
    const run = namespace.get("compile_jobs");
    run("/work", await readFile(jobsPath, "utf8"));
    run.destroy();
  } finally {
    namespace.destroy();
  }
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "measure" && args.length >= 3) await measure(args[0], args[1], args[2], args.slice(3));
  else if (command === "compile" && args.length === 3) await compileJobs(...args);
  else {
    console.error("usage: pyodide_stdlib.mjs measure RUNTIME PROBE.json OUT.json [--full-stdlib]");
    console.error("       pyodide_stdlib.mjs compile RUNTIME WORK_DIR JOBS.json");
    process.exitCode = 2;
  }
} catch (error) {
  // The message only (a Python traceback for a PythonError): uncaught, Node would print the
  // minified line it came from (a megabyte) and exit before a pipe reads it all.
  console.error(error?.message ?? String(error));
  process.exitCode = 1;
}
