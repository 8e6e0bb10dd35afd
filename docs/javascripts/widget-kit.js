// Shared helpers for the widgets (number checker, allowance checker, report builder,
// number audit). Each widget script imports what it needs:
//
//   import { mountWidgets, loadRuntime, el, bindStatus, copyButton, downloadButton,
//            readSession, writeSession } from "./widget-kit.js";
//
// Rules every widget follows: values from the reader or from Python are written with
// textContent (el(..., text)), never as HTML; the Python runtime is imported only when a
// page has a widget; widgets mount through Material's document$ (instant navigation).

let runtimePromise = null;

/** Import python-runtime.js once (on the first page with a widget). Rejects if it cannot load. */
export function loadRuntime() {
  runtimePromise ??= import("./python-runtime.js").catch((error) => {
    runtimePromise = null; // let a retry import it again
    throw error;
  });
  return runtimePromise;
}

/** A new element with an optional class and text content (never parsed as HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * Call `mount(root)` once for every element matching `selector` (e.g.
 * '[data-widget="allowance-checker"]'), on the first page and after every instant navigation.
 */
export function mountWidgets(selector, mount) {
  const mountAll = () => {
    for (const root of document.querySelectorAll(`${selector}:not([data-mounted])`)) {
      root.dataset.mounted = "true";
      Promise.resolve()
        .then(() => mount(root))
        .catch((error) => console.error(error));
    }
  };
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(mountAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
}

/**
 * Show the runtime's status in a widget and keep it up to date.
 * `parts`: { root, statusText, retry } — statusText is the element for the message and retry
 * the (hidden) Retry button. `root.dataset.state` becomes loading | ready | error.
 * Returns the runtime's unsubscribe function; it also unsubscribes itself once the widget
 * has left the page (instant navigation).
 */
export function bindStatus(runtime, parts, { what = "checker" } = {}) {
  const stop = runtime.onStatus((status) => {
    if (!parts.root.isConnected) {
      queueMicrotask(() => stop?.());
      return;
    }
    renderStatus(parts, status, what);
  });
  return stop;
}

/** Write one runtime status into the widget (see bindStatus). */
export function renderStatus(parts, { state, message, progress, error }, what = "checker") {
  parts.root.dataset.state = state;
  if (state === "error") {
    showFailure(parts, error || message || "unknown error", what);
    return;
  }
  if (parts.retry) parts.retry.hidden = true;
  if (state === "loading") {
    const detail = message || (progress == null ? "" : `${progress}%`);
    parts.statusText.textContent = detail ? `Loading the ${what}: ${detail}` : `Loading the ${what}…`;
  } else {
    parts.statusText.textContent = "";
  }
}

/** The failure state: "The checker could not start: <reason>", with the Retry button shown. */
export function showFailure(parts, reason, what = "checker") {
  parts.root.dataset.state = "error";
  parts.statusText.textContent = `The ${what} could not start: ${reason}`;
  if (parts.retry) parts.retry.hidden = false;
}

/**
 * A Copy button and its status note: [button, note]. `getText` returns the text to copy
 * (called on click). Uses navigator.clipboard; says so plainly when copying is not allowed.
 */
export function copyButton(getText, { label = "Copy", ariaLabel, className = "" } = {}) {
  const button = el("button", `md-button ${className}`.trim(), label);
  button.type = "button";
  if (ariaLabel) button.setAttribute("aria-label", ariaLabel);
  const note = el("span", "sms-widget__note");
  note.setAttribute("role", "status");
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
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = el("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A Download button that saves `getContent()` (text or Blob) as `filename`. */
export function downloadButton(filename, getContent, { label = "Download", className = "", type } = {}) {
  const button = el("button", `md-button ${className}`.trim(), label);
  button.type = "button";
  button.addEventListener("click", () => saveFile(typeof filename === "function" ? filename() : filename, getContent(), type));
  return button;
}

// --- sessionStorage (the reader's answers stay in this tab, gone when it closes) --------
// Keys shared between scripts:
//   "sms-help.steps-done"  JSON array of guide step ids (support.toml [[steps]] ids, e.g.
//                          "s1-check2") whose "Done:" tick box the reader ticked.
//   "sms-help.ticks"       JSON object { "<page path>#<n>": true } of every ticked box.
//   "sms-help.triage"      JSON object of the start page's answers, keyed by the report's
//                          common field ids: { users_affected: "one"|"multiple"|"all",
//                          applicants_affected: "one"|"many", direction: "..." }.
//   "sms-help.report.<kind>"  the report builder's draft for that kind.

/** The parsed JSON stored under `key`, or `fallback` (storage off, missing or corrupt). */
export function readSession(key, fallback = null) {
  try {
    const text = window.sessionStorage.getItem(key);
    return text == null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Store `value` as JSON under `key` (null removes it). Returns false if storage is unavailable. */
export function writeSession(key, value) {
  try {
    if (value == null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
