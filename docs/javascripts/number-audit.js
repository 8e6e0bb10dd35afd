// The number audit widget (number_audit() macro, Tools page): the reader chooses a CSV
// export; its bytes go to the Python worker (never over the network), which lists the
// columns (op "csv_columns"), then checks every number in the chosen column (op "audit_csv")
// while posting progress. Every sentence of the result is checkers'. Life cycle: widget-kit.js.

import { defineWidget, h, problemList, saveFile, table } from "./widget-kit.js";

let formatter = null; // made on first use: not on every page load
const formatNumber = (n) => (formatter ??= new Intl.NumberFormat("en-GB")).format(n);

function summaryList(summary) {
  return h(
    "ul",
    { class: "number-audit__summary" },
    summary.counts.map((line) => h("li", { dataset: { count: line.key } }, `${line.label}: `, h("strong", {}, formatNumber(line.value)))),
  );
}

function renderResult(box, result) {
  const { summary } = result;
  box.replaceChildren(
    ...[
      h("p", { class: "sms-widget__verdict", dataset: { part: "verdict", sendable: String(summary.not_sendable === 0) } }, h("strong", {}, summary.headline)),
      summaryList(summary),
      result.formulas_note && h("p", { class: "number-audit__formulas", dataset: { part: "formulas" } }, result.formulas_note),
      result.problems.length &&
        table(
          "Rows with each problem",
          ["Problem", "Effect", "In the problems column", "Rows"],
          result.problems.map((p) => [p.label, p.severity === "error" ? "Cannot receive SMS" : "Warning", h("code", {}, p.code), formatNumber(p.rows)]),
        ),
      result.rows.length &&
        table(
          "Rows with a problem",
          ["Line", `${result.column} as stored`, "Verdict", "Problems"],
          result.rows.map((row) => [
            formatNumber(row.line),
            row.value === "" ? "(empty)" : row.value,
            row.check.verdict,
            problemList(row.check.problems, "number-audit__row-problems"),
          ]),
        ),
      result.rows_note && h("p", { class: "number-audit__truncated", dataset: { part: "rows-note" } }, `${result.rows_note} The corrected CSV lists every row.`),
    ].filter(Boolean),
  );
}

defineWidget("number-audit", {
  setup(ctx) {
    const [fileInput, column, region, run, cancel, progress, bar, progressText, outcome, box, download, fileName, stopped] = [
      "file", "column", "region", "run", "cancel", "progress", "bar", "progress-text", "outcome", "result",
      "download", "download-name", "stopped",
    ].map((name) => ctx.part(name));
    let fixed = null; // the last result's corrected file: [name, Blob]
    const maxBytes = Number(ctx.root.dataset.maxBytes);
    let file = null; // the chosen File
    let columns = null; // csv_columns' result for `file`
    let running = null; // the AbortController of the audit in progress
    let generation = 0; // bumps when the file changes, so late replies are dropped

    const say = (text) => {
      outcome.textContent = text;
    };
    const clearResult = () => {
      box.replaceChildren();
      download.hidden = true;
      stopped.hidden = true;
      fixed = null;
    };
    const showError = (message) => {
      clearResult();
      box.replaceChildren(h("p", { class: "sms-widget__error", dataset: { part: "error" } }, h("strong", {}, "Error: "), message));
      say(`Error: ${message}`);
    };
    const resetColumns = (label = "Choose a file first") => {
      columns = null;
      column.replaceChildren(h("option", { value: "" }, label));
      column.disabled = true;
      run.disabled = true;
    };
    const setProgress = (done, total, rows) => {
      const percent = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
      const text = `${percent}%, ${formatNumber(rows)} ${rows === 1 ? "row" : "rows"} checked`;
      bar.value = percent;
      bar.setAttribute("aria-valuetext", text);
      progressText.textContent = text;
    };
    const setRunning = (on) => {
      fileInput.disabled = on;
      column.disabled = on || !columns;
      region.disabled = on;
      run.disabled = on || !columns;
      cancel.hidden = !on;
      progress.hidden = !on;
    };

    async function chooseFile() {
      const mine = ++generation;
      file = fileInput.files?.[0] ?? null;
      clearResult();
      say("");
      resetColumns();
      if (!file) return;
      resetColumns("Reading the file…");
      try {
        // A file over the limit is not sent at all: checkers words the refusal from its size.
        const result = await ctx.call("csv_columns", { size: file.size }, file.size > maxBytes ? {} : { file });
        if (mine !== generation) return;
        columns = result;
        const options = result.columns.map((name, index) =>
          h("option", { value: name, disabled: !name, selected: name === result.suggested }, name || `(column ${index + 1} has no name)`),
        );
        if (!result.suggested) options.unshift(h("option", { value: "", selected: true }, "Choose the column"));
        column.replaceChildren(...options);
        column.disabled = false;
        run.disabled = false;
        say(`${result.found} Then press Check the numbers.`);
      } catch (error) {
        if (mine !== generation) return;
        resetColumns();
        showError(error?.message || String(error));
      }
    }

    async function runAudit() {
      if (!file || !columns || running) return;
      const mine = generation;
      running = new AbortController();
      clearResult();
      setProgress(0, 1, 0);
      setRunning(true);
      say(`Checking the numbers in “${column.value}”…`);
      cancel.focus();
      try {
        const result = await ctx.call(
          "audit_csv",
          { column: column.value, default_region: region.value, file_name: file.name, size: file.size },
          { file, signal: running.signal, onProgress: ({ done, total, rows }) => setProgress(done, total, rows) },
        );
        if (mine !== generation) return;
        renderResult(box, result);
        fixed = [result.download_name, result.fixed_csv];
        fileName.textContent = result.download_name;
        download.hidden = false;
        say(result.summary.outcome);
      } catch (error) {
        if (mine !== generation) return;
        if (error?.kind === "cancelled") {
          stopped.hidden = false;
          say(stopped.textContent);
        } else {
          showError(error?.message || String(error));
          if (!column.value) column.focus();
        }
      } finally {
        running = null;
        setRunning(false);
        // The Cancel button had the focus and is now hidden: hand it to the Check button.
        if (document.activeElement === cancel || document.activeElement === document.body) run.focus();
      }
    }

    const forget = () => {
      clearResult();
      say("");
    };
    ctx.part("save").addEventListener("click", () => fixed && saveFile(fixed[0], fixed[1], "text/csv;charset=utf-8"));
    fileInput.addEventListener("change", chooseFile);
    column.addEventListener("change", forget);
    region.addEventListener("change", forget);
    run.addEventListener("click", runAudit);
    cancel.addEventListener("click", () => running?.abort());
    if (fileInput.files?.length) chooseFile(); // a file kept by the browser on back/forward
  },
});
