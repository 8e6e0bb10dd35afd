// The number audit widget (Tools page): mounts on every [data-widget="number-audit"] that
// the number_audit() macro writes. The reader chooses a CSV export; its bytes go to the
// Python worker (never over the network), which lists the columns (op "csv_columns"), then
// checks every number in the chosen column (op "audit_csv_bytes") while posting progress.
// Every value from the file or from Python is written with textContent, never as HTML.

import { bindStatus, el, loadRuntime, mountWidgets, saveFile, showFailure } from "./widget-kit.js";

let formatter = null; // made on first use: not on every page load
const number = { format: (n) => (formatter ??= new Intl.NumberFormat("en-GB")).format(n) };

/** "contacts.csv" -> "contacts-checked.csv" */
export function checkedName(name) {
  const base = String(name || "contacts").replace(/\.(csv|txt|tsv)$/i, "") || "contacts";
  return `${base}-checked.csv`;
}

/** 20_000_000 -> "20 MB", 20_000_001 -> "20.1 MB" (rounded up, so an oversize file never looks OK). */
function megabytes(bytes) {
  return `${Math.ceil(bytes / 100_000) / 10} MB`;
}

function plural(count, one, many) {
  return `${number.format(count)} ${count === 1 ? one : many}`;
}

function table(caption, headings, rows, className) {
  // A wide table scrolls sideways inside its box; the box takes the focus so the keyboard
  // can scroll it too.
  const wrap = el("div", "number-audit__table");
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption);
  const tableEl = el("table", className);
  tableEl.append(el("caption", null, caption));
  const head = el("thead");
  const headRow = el("tr");
  for (const heading of headings) {
    const th = el("th", null, heading);
    th.scope = "col";
    headRow.append(th);
  }
  head.append(headRow);
  const body = el("tbody");
  for (const cells of rows) {
    const tr = el("tr");
    for (const cell of cells) {
      const td = el("td");
      if (cell instanceof Node) td.append(cell);
      else td.textContent = String(cell);
      tr.append(td);
    }
    body.append(tr);
  }
  tableEl.append(head, body);
  wrap.append(tableEl);
  return wrap;
}

function summaryList(summary) {
  const ready = summary.ok;
  const fixable = summary.sendable - summary.ok;
  const list = el("ul", "number-audit__summary");
  const item = (label, value, key) => {
    const li = el("li");
    li.dataset.count = key;
    li.append(document.createTextNode(`${label}: `), el("strong", null, number.format(value)));
    list.append(li);
  };
  item("Rows checked", summary.rows, "rows");
  item("Can receive SMS", summary.sendable, "sendable");
  item("… of which ready as stored", ready, "ok");
  item("… of which need a format fix (the corrected CSV has the right form)", fixable, "fixable");
  item("Cannot receive SMS", summary.not_sendable, "not_sendable");
  return list;
}

function problemList(problems) {
  const list = el("ul", "number-audit__row-problems");
  for (const problem of problems) {
    const error = problem.severity === "error";
    const li = el("li");
    li.append(el("strong", null, error ? "Error: " : "Warning: "), document.createTextNode(problem.message));
    list.append(li);
  }
  return list;
}

async function mount(root) {
  const q = (selector) => root.querySelector(selector);
  const parts = {
    root,
    controls: q(".number-audit__controls"),
    fallback: q(".number-audit__fallback"),
    file: q(".number-audit__file"),
    column: q(".number-audit__column"),
    region: q(".number-audit__region"),
    run: q(".number-audit__run"),
    cancel: q(".number-audit__cancel"),
    progress: q(".number-audit__progress"),
    bar: q(".number-audit__bar"),
    progressText: q(".number-audit__progress-text"),
    statusText: q(".sms-widget__status-text"),
    retry: q(".number-audit__retry"),
    outcome: q(".number-audit__outcome"),
    result: q(".number-audit__result"),
  };
  const maxBytes = Number(root.dataset.maxBytes) || 20_000_000;
  const maxRows = Number(root.dataset.maxRows) || 200;
  parts.fallback.hidden = true;
  parts.controls.hidden = false;
  parts.file.disabled = false;
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

  let file = null; // the chosen File (read again for each call: its bytes are transferred)
  let columns = null; // csv_columns' result for `file`
  let running = null; // the AbortController of the audit in progress
  let generation = 0; // bumps when the file changes, so late replies are dropped

  const say = (text) => {
    parts.outcome.textContent = text;
  };
  const showError = (message) => {
    parts.result.replaceChildren();
    const p = el("p", "number-audit__error");
    p.append(el("strong", null, "Error: "), document.createTextNode(message));
    parts.result.append(p);
    say(`Error: ${message}`);
  };
  const resetColumns = (label = "Choose a file first") => {
    columns = null;
    parts.column.replaceChildren(el("option", null, label));
    parts.column.firstChild.value = "";
    parts.column.disabled = true;
    parts.run.disabled = true;
  };
  const setProgress = (done, total, rows) => {
    const percent = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
    parts.bar.value = percent;
    const text = `${percent}%, ${plural(rows, "row", "rows")} checked`;
    parts.bar.setAttribute("aria-valuetext", text);
    parts.progressText.textContent = text;
  };
  const failIfRuntime = (error) => {
    if (error?.kind !== "runtime") return false;
    showFailure(parts, runtime.getStatus().error || error.message);
    return true;
  };

  async function chooseFile() {
    const mine = ++generation;
    file = parts.file.files?.[0] ?? null;
    parts.result.replaceChildren();
    say("");
    resetColumns();
    if (!file) return;
    if (file.size > maxBytes) {
      showError(
        `This file is ${megabytes(file.size)}; the checker takes files up to ${megabytes(maxBytes)} ` +
          "(about 200,000 contacts with a few columns). Export only the name and mobile columns, " +
          "or split the export into smaller files.",
      );
      return;
    }
    resetColumns("Reading the file…");
    try {
      const data = await file.arrayBuffer();
      const result = await runtime.callPython("csv_columns", {}, { data });
      if (mine !== generation) return;
      columns = result;
      const options = result.columns.map((name, index) => {
        const option = el("option", null, name || `(column ${index + 1} has no name)`);
        option.value = name;
        option.disabled = !name;
        option.selected = name === result.suggested;
        return option;
      });
      if (!result.suggested) {
        const prompt = el("option", null, "Choose the column");
        prompt.value = "";
        prompt.selected = true;
        options.unshift(prompt);
      }
      parts.column.replaceChildren(...options);
      parts.column.disabled = false;
      parts.run.disabled = false;
      const suggestion = result.suggested
        ? `the column “${result.suggested}” looks like the mobile numbers`
        : "choose the column with the mobile numbers";
      say(
        `Found ${plural(result.columns.length, "column", "columns")} ` +
          `(${result.delimiter_name}-separated, ${result.encoding_name}): ${suggestion}. ` +
          "Then press Check the numbers.",
      );
    } catch (error) {
      if (mine !== generation) return;
      resetColumns();
      if (!failIfRuntime(error)) showError(error?.message || String(error));
    }
  }

  function setRunning(on) {
    parts.file.disabled = on;
    parts.column.disabled = on || !columns;
    parts.region.disabled = on;
    parts.run.disabled = on || !columns;
    parts.cancel.hidden = !on;
    parts.progress.hidden = !on;
  }

  async function runAudit() {
    if (!file || !columns || running) return;
    const column = parts.column.value;
    if (!column) {
      showError("Choose the column that holds the mobile numbers first.");
      parts.column.focus();
      return;
    }
    const mine = generation;
    const name = file.name;
    running = new AbortController();
    parts.result.replaceChildren();
    setProgress(0, 1, 0);
    setRunning(true);
    say(`Checking the numbers in “${column}”…`);
    parts.cancel.focus();
    try {
      const data = await file.arrayBuffer();
      const result = await runtime.callPython(
        "audit_csv_bytes",
        { column, default_region: parts.region.value, max_rows: maxRows, fixed_csv: true },
        { data, signal: running.signal, onProgress: ({ done, total, rows }) => setProgress(done, total, rows) },
      );
      if (mine !== generation) return;
      setProgress(1, 1, result.summary.rows);
      renderResult(result, name);
    } catch (error) {
      if (mine !== generation) return;
      if (error?.kind === "cancelled") {
        parts.result.replaceChildren(el("p", "number-audit__stopped", "Stopped. Nothing was changed."));
        say("Stopped. Nothing was changed.");
      } else if (!failIfRuntime(error)) {
        showError(error?.message || String(error));
      }
    } finally {
      running = null;
      setRunning(false);
      // The Cancel button had the focus and is now hidden: hand it to the Check button.
      if (document.activeElement === parts.cancel || document.activeElement === document.body) {
        parts.run.focus();
      }
    }
  }

  function renderResult(result, fileName) {
    const { summary } = result;
    const box = parts.result;
    box.replaceChildren();

    const verdict = el("p", "number-audit__verdict");
    verdict.dataset.sendable = String(summary.not_sendable === 0);
    const headline =
      summary.rows === 0
        ? "The file has a header row but no contacts."
        : summary.not_sendable === 0
          ? `All ${plural(summary.rows, "number", "numbers")} can receive SMS.`
          : `${plural(summary.not_sendable, "number", "numbers")} of ${number.format(summary.rows)} cannot receive SMS.`;
    verdict.append(el("strong", null, headline));
    box.append(verdict);
    box.append(summaryList(summary));

    const download = el("p", "number-audit__download");
    const button = el("button", "md-button number-audit__save", "Download corrected CSV");
    button.type = "button";
    const filename = checkedName(fileName);
    const csv = result.fixed_csv;
    button.addEventListener("click", () =>
      // A byte-order mark first, so Excel opens the UTF-8 file with every accent intact.
      saveFile(filename, new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" })),
    );
    download.append(
      button,
      el(
        "span",
        "sms-widget__hint number-audit__download-hint",
        ` ${filename}: your columns, plus e164 (the number to store), sendable (yes or no) and problems.`,
      ),
    );
    box.append(download);

    if (result.problems.length) {
      box.append(
        table(
          "Rows with each problem",
          ["Problem", "Effect", "In the problems column", "Rows"],
          result.problems.map((p) => [
            p.label,
            p.severity === "error" ? "Cannot receive SMS" : "Warning",
            el("code", null, p.code),
            number.format(p.rows),
          ]),
          "number-audit__counts",
        ),
      );
    }

    const withProblems = summary.rows - summary.ok;
    if (result.rows.length) {
      const caption = result.rows_truncated
        ? `Rows with a problem: the first ${number.format(result.rows.length)} of ${number.format(withProblems)}`
        : `Rows with a problem (${number.format(result.rows.length)})`;
      box.append(
        table(
          caption,
          ["Line", `${result.column} as stored`, "Verdict", "Problems"],
          result.rows.map((row) => [
            number.format(row.line),
            row.value === "" ? "(empty)" : row.value,
            row.check.verdict,
            problemList(row.check.problems),
          ]),
          "number-audit__rows",
        ),
      );
      if (result.rows_truncated) {
        box.append(
          el(
            "p",
            "number-audit__truncated",
            `Only the first ${number.format(result.rows.length)} rows with a problem are shown here. ` +
              "The corrected CSV lists every row, with its sendable and problems columns.",
          ),
        );
      }
    }


    say(
      `Checked ${plural(summary.rows, "row", "rows")}: ${number.format(summary.sendable)} can receive SMS, ` +
        `${number.format(summary.not_sendable)} cannot.`,
    );
  }

  bindStatus(runtime, parts);
  parts.file.addEventListener("change", chooseFile);
  parts.column.addEventListener("change", () => {
    parts.result.replaceChildren();
    say("");
  });
  parts.region.addEventListener("change", () => {
    parts.result.replaceChildren();
    say("");
  });
  parts.run.addEventListener("click", runAudit);
  parts.cancel.addEventListener("click", () => running?.abort());
  parts.retry.addEventListener("click", () => {
    runtime.retry();
    if (file && !columns) chooseFile();
  });
  runtime.warmPython();
  if (parts.file.files?.length) chooseFile(); // a file kept by the browser on back/forward
}

mountWidgets('[data-widget="number-audit"]', mount);
