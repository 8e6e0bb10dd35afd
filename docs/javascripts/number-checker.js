// The number checker widget: mounts on every [data-widget="number-checker"] that the
// number_checker() macro writes, on the first page and after each instant navigation.
// python-runtime.js (and so Python) is imported only when a page has such a widget.
// Every value from the reader or from Python is written with textContent, never as HTML.

import { bindStatus, copyButton, el, loadRuntime, mountWidgets, showFailure } from "./widget-kit.js";

function renderResult(parts, result) {
  const box = parts.result;
  box.replaceChildren();
  const verdict = el("p", "number-checker__verdict");
  verdict.dataset.verdict = result.verdict_code ?? "";
  verdict.dataset.sendable = String(Boolean(result.sendable));
  verdict.append(el("strong", null, result.verdict));
  box.append(verdict);

  const problems = Array.isArray(result.problems) ? result.problems : [];
  if (problems.length) {
    const list = el("ul", "number-checker__problems");
    for (const problem of problems) {
      const error = problem.severity === "error";
      const item = el("li", error ? "number-checker__problem--error" : "number-checker__problem--warning");
      item.append(el("strong", null, error ? "Error: " : "Warning: "), document.createTextNode(problem.message));
      list.append(item);
    }
    box.append(list);
  }

  if (result.e164 && result.sendable) {
    const store = el("p", "number-checker__store");
    store.append("Store it as ", el("code", null, result.e164), " ");
    store.append(...copyButton(result.e164, { ariaLabel: `Copy ${result.e164}`, className: "number-checker__copy" }));
    box.append(store);
  }
}

function renderCheckerError(parts, message) {
  const box = parts.result;
  box.replaceChildren();
  const p = el("p", "number-checker__verdict");
  p.append(el("strong", null, "Error: "), document.createTextNode(message));
  box.append(p);
}

async function mount(root) {
  const parts = {
    root,
    controls: root.querySelector(".number-checker__controls"),
    fallback: root.querySelector(".number-checker__fallback"),
    input: root.querySelector(".number-checker__input"),
    region: root.querySelector(".number-checker__region"),
    statusText: root.querySelector(".number-checker__status-text"),
    retry: root.querySelector(".number-checker__retry"),
    result: root.querySelector(".number-checker__result"),
  };
  parts.fallback.hidden = true;
  parts.controls.hidden = false;
  parts.input.disabled = false;
  parts.region.disabled = false;
  parts.statusText.textContent = "Loading the checker…";

  let runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    showFailure(parts, error?.message || String(error));
    parts.retry.addEventListener("click", () => window.location.reload(), { once: true });
    return;
  }

  // Coalesce keystrokes: one call at a time; when it returns, send the latest value.
  let busy = false;
  let sent = null; // the request last sent, as "region|raw"
  const latest = () => ({ raw: parts.input.value, default_region: parts.region.value });
  const key = ({ raw, default_region }) => `${default_region}|${raw}`;

  async function pump() {
    if (busy) return;
    busy = true;
    try {
      while (key(latest()) !== sent) {
        const request = latest();
        sent = key(request);
        if (!request.raw.trim()) {
          parts.result.replaceChildren();
          continue;
        }
        try {
          const result = await runtime.callPython("check_number", request);
          if (key(latest()) === sent) renderResult(parts, result);
        } catch (error) {
          if (error?.kind === "runtime" && runtime.getStatus().state !== "error") {
            sent = null; // Python was restarted under this call: send it again
            continue;
          }
          if (error?.kind === "runtime") {
            showFailure(parts, runtime.getStatus().error || error.message);
            break;
          }
          if (key(latest()) === sent) renderCheckerError(parts, error?.message || String(error));
        }
      }
    } finally {
      busy = false;
    }
  }

  bindStatus(runtime, parts);
  parts.input.addEventListener("input", pump);
  parts.region.addEventListener("change", pump);
  parts.retry.addEventListener("click", () => {
    sent = null; // re-send the current value once Python is back
    runtime.retry();
    pump();
  });
  runtime.warmPython();
  pump();
}

mountWidgets('[data-widget="number-checker"]', mount);
