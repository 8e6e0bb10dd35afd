// The allowance checker widget (Section 1, Check 1): mounts on every
// [data-widget="allowance-checker"] that the allowance_checker() macro writes, on the first
// page and after each instant navigation. The reader pastes the SMS Limits table; checkers'
// check_allowances (in the Python worker) says who cannot send SMS and why. This script only
// shows that result: every value from the reader or from Python is written with textContent.

import { bindStatus, el, loadRuntime, mountWidgets, showFailure } from "./widget-kit.js";

const WHAT = "allowance checker";
const MAX_SHOWN = 200; // blocked users listed at most (a huge paste must not freeze the page)

/** A menu path or button in the CRM, marked up like the ui() macro (macros/_content.py). */
function ui(...names) {
  const path = el("kbd", "ui-path");
  names.forEach((name, index) => {
    if (index) path.append(" → ");
    const item = el("kbd", "ui-element");
    item.append(el("samp", null, name));
    path.append(item);
  });
  return path;
}

const users = (count) => `${count} ${count === 1 ? "user" : "users"}`;

function summary(result) {
  const total = result.rows.length;
  if (total === 1) return result.cannot_send ? "The 1 user in the table cannot send SMS." : "The 1 user in the table can send SMS.";
  if (result.cannot_send === 0) return `All ${total} users in the table can send SMS.`;
  return `${result.cannot_send} of ${total} users cannot send SMS.`;
}

function blockedTable(blocked) {
  const table = el("table");
  const caption = el("caption", "allowance-checker__caption", "Users who cannot send SMS, and why");
  const head = el("thead");
  const headRow = el("tr");
  for (const name of ["User", "Line", "Why they cannot send"]) {
    const th = el("th", null, name);
    th.scope = "col";
    headRow.append(th);
  }
  head.append(headRow);
  const body = el("tbody");
  for (const row of blocked.slice(0, MAX_SHOWN)) {
    const tr = el("tr");
    tr.dataset.line = String(row.line);
    tr.dataset.code = row.code;
    const user = el("th", "allowance-checker__user", row.user || "(no user name)");
    user.scope = "row";
    tr.append(user, el("td", "allowance-checker__line", row.line), el("td", "allowance-checker__reason", row.reason));
    body.append(tr);
  }
  table.append(caption, head, body);
  return table;
}

function whatToDo() {
  const box = el("div", "allowance-checker__todo");
  box.append(el("p", "allowance-checker__todo-title", "To let them send SMS:"));
  const steps = el("ol");
  const step1 = el("li");
  step1.append("Click ", ui("Plugins"), ", then click ", ui("SMS Limits"), ".");
  const step2 = el("li");
  step2.append("For each user listed above, enter a whole number above 0 (such as 100) in the ", ui("Daily Allowance"), " column.");
  const step3 = el("li");
  step3.append("Click ", ui("Save and Close"), ".");
  const step4 = el("li", null, "Copy the table again and paste it here to check.");
  steps.append(step1, step2, step3, step4);
  box.append(steps);
  return box;
}

/**
 * Write the one-line verdict into the live region. Left alone when it would not change, so a
 * screen reader announces a new verdict, not every keystroke.
 */
function setVerdict(parts, state, label, detail = "") {
  const box = parts.verdict;
  if (box.dataset.verdict === state && box.textContent === label + detail) return;
  box.replaceChildren(el("strong", null, label));
  if (detail) box.append(document.createTextNode(detail));
  box.dataset.verdict = state;
}

function renderResult(parts, result) {
  parts.details.replaceChildren();
  if (result.error) {
    setVerdict(parts, "unreadable", "Cannot check the table: ", result.error);
    return;
  }
  const blocked = result.rows.filter((row) => !row.can_send);
  setVerdict(parts, blocked.length ? "blocked" : "all-can-send", summary(result));

  if (blocked.length) {
    parts.details.append(blockedTable(blocked));
    if (blocked.length > MAX_SHOWN) {
      parts.details.append(
        el("p", "allowance-checker__more", `Showing the first ${MAX_SHOWN} of ${users(blocked.length)} who cannot send. Fix these, then paste the table again.`),
      );
    }
    parts.details.append(whatToDo());
  } else {
    parts.details.append(
      el("p", "allowance-checker__fine", "Every Daily Allowance is above 0, so the SMS Limits plugin is not what stops these users sending. Go on to Check 2."),
    );
  }

  const notes = Array.isArray(result.notes) ? result.notes : [];
  if (notes.length) {
    parts.details.append(el("p", "allowance-checker__notes-title", "Also check:"));
    const list = el("ul", "allowance-checker__notes");
    for (const note of notes) list.append(el("li", null, note));
    parts.details.append(list);
  }
}

function renderCheckerError(parts, message) {
  parts.details.replaceChildren();
  setVerdict(parts, "unreadable", "Cannot check the table: ", message);
}

function clearResult(parts) {
  parts.details.replaceChildren();
  parts.verdict.replaceChildren();
  delete parts.verdict.dataset.verdict;
}

async function mount(root) {
  const parts = {
    root,
    controls: root.querySelector(".allowance-checker__controls"),
    fallback: root.querySelector(".allowance-checker__fallback"),
    input: root.querySelector(".allowance-checker__input"),
    example: root.querySelector(".allowance-checker__example"),
    clear: root.querySelector(".allowance-checker__clear"),
    statusText: root.querySelector(".allowance-checker__status-text"),
    retry: root.querySelector(".allowance-checker__retry"),
    verdict: root.querySelector(".allowance-checker__verdict"),
    details: root.querySelector(".allowance-checker__details"),
  };
  parts.fallback.hidden = true;
  parts.controls.hidden = false;
  for (const control of [parts.input, parts.example, parts.clear]) control.disabled = false;
  parts.statusText.textContent = `Loading the ${WHAT}…`;

  // Clear and the example work even while Python loads (or if it never does).
  parts.clear.addEventListener("click", () => {
    parts.input.value = "";
    clearResult(parts);
    parts.input.focus();
    parts.input.dispatchEvent(new Event("input"));
  });
  parts.example.addEventListener("click", () => {
    parts.input.value = root.dataset.example ?? "";
    parts.input.dispatchEvent(new Event("input"));
  });

  let runtime;
  try {
    runtime = await loadRuntime();
  } catch (error) {
    showFailure(parts, error?.message || String(error), WHAT);
    parts.retry.addEventListener("click", () => window.location.reload(), { once: true });
    return;
  }

  // Coalesce keystrokes and pastes: one call at a time; when it returns, send the latest text.
  let busy = false;
  let sent = null; // the text last sent
  async function pump() {
    if (busy) return;
    busy = true;
    try {
      while (parts.input.value !== sent) {
        const text = parts.input.value;
        sent = text;
        if (text === "") {
          clearResult(parts);
          continue;
        }
        try {
          const result = await runtime.callPython("check_allowances", { text });
          if (parts.input.value === sent) renderResult(parts, result);
        } catch (error) {
          if (error?.kind === "runtime" && runtime.getStatus().state !== "error") {
            sent = null; // Python was restarted under this call: send it again
            continue;
          }
          if (error?.kind === "runtime") {
            showFailure(parts, runtime.getStatus().error || error.message, WHAT);
            break;
          }
          if (parts.input.value === sent) renderCheckerError(parts, error?.message || String(error));
        }
      }
    } finally {
      busy = false;
    }
  }

  bindStatus(runtime, parts, { what: WHAT });
  parts.input.addEventListener("input", pump);
  parts.retry.addEventListener("click", () => {
    sent = null; // re-send the current text once Python is back
    runtime.retry();
    pump();
  });
  runtime.warmPython();
  pump();
}

mountWidgets('[data-widget="allowance-checker"]', mount);
