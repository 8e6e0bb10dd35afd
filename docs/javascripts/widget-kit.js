// The one life of every widget on the site. A widget module is only its render code:
//
//   import { defineWidget, h } from "./widget-kit.js";
//   defineWidget("number-checker", {
//     setup(ctx) {
//       const check = ctx.live({
//         op: "check_number",
//         request: () => ({ raw: ctx.part("input").value, default_region: ctx.part("region").value }),
//         render: (result) => ctx.part("result").replaceChildren(h("p", {}, result.verdict)),
//       });
//       ctx.part("input").addEventListener("input", check);
//     },
//   });
//
// The kit finds every [data-widget="<name>"] the macros write (macros/_shell.py), on the first
// page and after each instant navigation (Material's document$), and for each one:
//   1. hides its no-JavaScript fallback ([data-part="fallback"]) and shows its controls
//      ([data-part="controls"]);
//   2. runs the widget's setup(ctx);
//   3. for widgets that use Python (all but `python: false` ones), imports the runtime
//      (python-runtime.js) once per page, starts it, and keeps the status line
//      ([data-part="status-text"], [data-part="retry"]) and root[data-state] (loading | ready |
//      error) up to date; Retry starts a fresh runtime and every waiting request is sent again.
// Elements are found by data-part, never by class. Values from the reader or from Python are
// written as text (h() makes text nodes), never parsed as HTML.

let runtimePromise = null;
const pythonWidgets = new Set(); // names of the widgets defined with python (the default)
let prefetching = false;
const IDLE_TIMEOUT_MS = 5_000;

/** Import python-runtime.js once (on the first page with a widget). Rejects if it cannot load. */
function loadRuntime() {
  runtimePromise ??= import("./python-runtime.js").catch((error) => {
    runtimePromise = null; // a retry imports it again
    throw error;
  });
  return runtimePromise;
}

/**
 * A new element: h("p", { class: "x", dataset: { a: "1" }, hidden: true }, "text", child).
 * Strings become text nodes; null, undefined and false children are skipped. An attribute
 * the element has as a property (hidden, type, value, tabIndex…) is set as one.
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name in node && !name.includes("-")) node[name] = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Call `run()` on the first page and after every instant navigation (Material's document$). */
function onEveryPage(run) {
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}

/**
 * Call `mountOne(element)` once for every element matching `selector`, on the first page and
 * after every instant navigation.
 */
export function mountAll(selector, mountOne) {
  onEveryPage(() => {
    for (const element of document.querySelectorAll(`${selector}:not([data-mounted])`)) {
      element.dataset.mounted = "true";
      Promise.resolve()
        .then(() => mountOne(element))
        .catch((error) => console.error(error));
    }
  });
}

/**
 * On a page without a Python widget (the start page), once the browser is idle, fetch the
 * runtime ahead into the HTTP cache (runtime-prefetch.js: not when the reader saves data),
 * so the first check on the next page starts from the cache. Once per page load.
 */
function prefetchOnQuietPages() {
  const idle = window.requestIdleCallback ?? ((run) => setTimeout(run, 1_000));
  idle(
    () => {
      const withPython = [...pythonWidgets].some((name) => document.querySelector(`[data-widget="${name}"]`));
      if (prefetching || runtimePromise || withPython) return;
      prefetching = true;
      import("./runtime-prefetch.js")
        .then((module) => module.prefetchAhead())
        .catch((error) => console.warn(error));
    },
    { timeout: IDLE_TIMEOUT_MS },
  );
}

onEveryPage(prefetchOnQuietPages);

/**
 * Define widget `name`: `setup(ctx)` runs once for every [data-widget="<name>"] on a page.
 * `python: false` for a widget that needs no Python (the runtime is then not loaded for it).
 */
export function defineWidget(name, { setup, python = true }) {
  if (python) pythonWidgets.add(name);
  mountAll(`[data-widget="${name}"]`, (root) => {
    const ctx = new WidgetContext(root, python);
    ctx.part("fallback", { optional: true })?.setAttribute("hidden", "");
    ctx.part("controls", { optional: true })?.removeAttribute("hidden");
    setup(ctx);
    if (python) ctx.connect();
  });
}

/** Whether two requests' arguments are the same: objects of text, numbers and lists of them. */
function sameArguments(a, b) {
  if (a == null || b == null) return a == b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue(a[key], b[key]));
}

function sameValue(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/** What a widget's setup gets: its parts, calls to Python and the live request loop. */
class WidgetContext {
  constructor(root, python) {
    this.root = root;
    this.python = python;
    this.runtime = null;
  }

  /** The widget's element with data-part="<name>" (an error if missing, unless optional). */
  part(name, { optional = false } = {}) {
    const found = this.root.querySelector(`[data-part="${name}"]`);
    if (!found && !optional) throw new Error(`${this.root.dataset.widget}: no [data-part="${name}"]`);
    return found;
  }

  /** Every element of the widget with data-part="<name>". */
  parts(name) {
    return [...this.root.querySelectorAll(`[data-part="${name}"]`)];
  }

  /** What the status line calls this widget: root[data-what], else "checker". */
  get what() {
    return this.root.dataset.what || "checker";
  }

  /**
   * Run checkers' op in the worker (see python-runtime.js callPython): resolves with the
   * result, rejects with a PythonError of kind "input", "internal" or "cancelled". While the
   * runtime cannot start, the call waits and is sent once Retry has started it.
   */
  async call(op, args = {}, options = {}) {
    const runtime = await this.connect();
    return runtime.callPython(op, args, options);
  }

  /**
   * The latest-wins request loop: returns `refresh()`, to call whenever what `request()`
   * reads changes. One call is in flight at a time; when it returns, the newest request is
   * sent if it differs; a result is shown only if it still answers the newest request.
   * `request()` returns the op's arguments, or null to show nothing (then `clear()`).
   * `render(result)` and `fail(message, kind)` show the answer or checkers' plain refusal.
   */
  live({ op, request, render, fail, clear = () => {} }) {
    let busy = false;
    let sent; // the arguments last sent (undefined: nothing yet)
    const refresh = async () => {
      if (busy) return;
      busy = true;
      try {
        for (;;) {
          const args = request();
          if (sent !== undefined && sameArguments(args, sent)) return;
          sent = args;
          if (args == null) {
            clear();
            continue;
          }
          try {
            const result = await this.call(op, args);
            if (sameArguments(request(), args)) render(result);
          } catch (error) {
            if (sameArguments(request(), args)) fail(error?.message || String(error), error?.kind);
          }
        }
      } finally {
        busy = false;
      }
    };
    return refresh;
  }

  /** Import and start the runtime, bind the status line and Retry; resolves with the runtime. */
  connect() {
    this.connecting ??= this.#connect();
    return this.connecting;
  }

  async #connect() {
    const retry = this.part("retry", { optional: true });
    this.showStatus({ state: "loading", progress: null });
    let runtime;
    try {
      runtime = await loadRuntime();
    } catch (error) {
      this.showStatus({ state: "error", error: `its script could not be loaded (${error?.message || error})` });
      retry?.addEventListener("click", () => window.location.reload(), { once: true });
      return new Promise(() => {}); // nothing can run until the page is loaded again
    }
    this.runtime = runtime;
    const stop = runtime.onStatus((status) => {
      if (!this.root.isConnected) queueMicrotask(() => stop());
      else this.showStatus(status);
    });
    retry?.addEventListener("click", () => runtime.retry());
    runtime.warmPython();
    return runtime;
  }

  /** Write the runtime's status into the status line and root[data-state]. */
  showStatus({ state, progress, error }) {
    const text = this.part("status-text", { optional: true });
    const retry = this.part("retry", { optional: true });
    this.root.dataset.state = state === "idle" ? "loading" : state;
    if (retry) retry.hidden = state !== "error";
    if (!text) return;
    if (state === "error") text.textContent = `The ${this.what} could not start: ${error || "unknown error"}.`;
    else if (state === "ready") text.textContent = "";
    else text.textContent = `Getting the ${this.what} ready…${progress ? ` ${progress}%` : ""}`;
  }
}

/** Material admonition types for checkers' answers: their icon and colour repeat the words. */
const ANSWER_LOOKS = { yes: "success", fix: "warning", maybe: "question", no: "failure" };

/**
 * The answer at a glance: `headline` (checkers' words) as the title of a Material admonition
 * whose icon and colour match `answer` ("yes", "fix", "maybe" or "no"), then `children`.
 * The box is the widget's part `part` (default "verdict").
 */
export function answerBox({ answer, headline, part = "verdict" }, ...children) {
  const look = ANSWER_LOOKS[answer] ?? "note";
  return h(
    "div",
    { class: `admonition ${look} sms-answer`, dataset: { part, answer } },
    h("p", { class: "admonition-title", dataset: { part: "headline" } }, headline),
    ...children,
  );
}

/**
 * A table in a box that scrolls sideways on a narrow screen (and takes the keyboard focus,
 * so the keyboard scrolls it too). `rows` are arrays of cells (text or nodes); with
 * `rowHeaders` the first cell of each row is its header. `rowData(index)` sets a row's dataset.
 */
export function table(caption, headings, rows, { rowHeaders = false, rowData = () => ({}) } = {}) {
  const head = h("tr", {}, headings.map((name) => h("th", { scope: "col" }, name)));
  const body = rows.map((cells, index) =>
    h(
      "tr",
      { dataset: rowData(index) },
      cells.map((cell, column) => (rowHeaders && column === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell))),
    ),
  );
  return h(
    "div",
    { class: "sms-widget__table", tabIndex: 0, role: "region", "aria-label": caption },
    h("table", {}, h("caption", {}, caption), h("thead", {}, head), h("tbody", {}, body)),
  );
}

/**
 * A Copy button and its status note: [button, note]. `getText` returns the text to copy
 * (called on click). Uses navigator.clipboard; says so plainly when copying is not allowed.
 */
export function copyButton(getText, { label = "Copy", ariaLabel, className = "" } = {}) {
  const note = h("span", { class: "sms-widget__note", role: "status" });
  const button = h("button", { type: "button", class: `md-button ${className}`.trim(), "aria-label": ariaLabel }, label);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(typeof getText === "function" ? getText() : String(getText));
      note.textContent = "Copied";
    } catch {
      note.textContent = "Could not copy: select the text and copy it yourself.";
    }
  });
  return [button, note];
}

/** Offer `content` (text or Blob) as a file download named `filename`. */
export function saveFile(filename, content, type = "text/plain;charset=utf-8") {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// --- sessionStorage: what the site keeps for the tab -------------------------------------
// Everything the site stores lives under keys starting "sms-help." in this tab's
// sessionStorage (gone when the tab closes; "Forget my answers" removes every one):
//   "sms-help.steps-done"  JSON array of guide step ids (support.toml [[steps]] ids, e.g.
//                          "s1-check2") whose "Done:" tick box the reader ticked.
//   "sms-help.ticks"       JSON object { "<page path>#<n>": true } of every ticked box.
//   "sms-help.triage"      JSON object of the start page's answers, keyed by the report's
//                          common field ids: { users_affected: "one"|"multiple"|"all",
//                          applicants_affected: "one"|"many", direction: "..." }.
//   "sms-help.report.<kind>"  the report builder's draft for that kind;
//   "sms-help.report.common"  the answers every report shares.
const PREFIX = "sms-help.";

/** The parsed JSON stored under `key`, or `fallback` (storage off, missing or corrupt). */
export function readSession(key, fallback = null) {
  try {
    const text = window.sessionStorage.getItem(key);
    return text == null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** `value` if it is a plain object, else {}. */
export const asObject = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});

/** The strings of `value` if it is a list, else []. */
export const asList = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);

/** The object stored under `key`, or {} for anything else. */
export const readObject = (key) => asObject(readSession(key, null));

/** The list of strings stored under `key`, or []. */
export const readList = (key) => asList(readSession(key, []));

/** Store `value` as JSON under `key` (null removes it). Returns false if it could not be saved. */
export function writeSession(key, value) {
  try {
    if (value == null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Remove everything the site stored for this tab (every "sms-help." key). */
export function forgetSession() {
  try {
    const keys = [];
    for (let index = 0; index < window.sessionStorage.length; index += 1) {
      const key = window.sessionStorage.key(index);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) window.sessionStorage.removeItem(key);
  } catch {
    // storage is off: nothing was kept
  }
}
