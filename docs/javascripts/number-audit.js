// The number audit widget (number_audit() macro, Tools page): the reader chooses a CSV
// export; its bytes go to the Python worker (never over the network), which lists the
// columns and suggests the phone column and the one naming each row (op "csv_columns"),
// then checks every number (op "audit_csv") while posting progress. The result is one
// sentence and two lists of rows to act on; the corrected file downloads as CSV, or as Excel
// (op "fixed_xlsx", whose writer the worker loads only then). Every word of a result is
// checkers'. Life cycle: widget-kit.js.

import { answerBox, copyButton, defineWidget, h, saveFile, table } from "./widget-kit.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let formatter = null; // made on first use: not on every page load
const formatNumber = (n) => (formatter ??= new Intl.NumberFormat("en-GB")).format(n);

/** A number shown on one line (never wrapped: widgets.css .sms-number). */
const number = (text) => h("span", { class: "sms-number number-audit__number" }, text);

/** The cell of the number to store: the number and its Copy button (empty when none). */
function storeCell(store) {
  if (!store) return "";
  const [button, note] = copyButton(store, { ariaLabel: `Copy ${store}` });
  return h("span", { class: "number-audit__store" }, number(store), " ", button, note);
}

/** One of checkers' lists (cannot_receive, needs_fix) as a table; a narrow screen shows cards. */
function readerList(list) {
  if (!list.count) return null;
  const box = table(
    list.title,
    list.headings,
    list.rows.map((row) => [row.label, number(row.value), row.todo, storeCell(row.store)]),
    { rowHeaders: true, rowData: (index) => ({ line: String(list.rows[index].line) }) },
  );
  box.classList.add("number-audit__list");
  box.dataset.part = "list";
  box.dataset.list = list.key;
  // Each cell's heading, for the card layout (number-audit.css) where the table head is hidden.
  for (const tr of box.querySelectorAll("tbody tr")) {
    [...tr.cells].forEach((cell, index) => {
      cell.dataset.heading = list.headings[index];
    });
  }
  return [box, list.note && h("p", { class: "number-audit__truncated", dataset: { part: "rows-note" } }, list.note)];
}

/** The result: its sentence above the downloads (`top`), the lists to act on below (`box`). */
function renderResult(top, box, result) {
  const { summary } = result;
  top.replaceChildren(
    ...[
      answerBox({ answer: summary.answer, headline: summary.sentence }),
      result.formulas_note && h("p", { class: "number-audit__formulas", dataset: { part: "formulas" } }, result.formulas_note),
    ].filter(Boolean),
  );
  box.replaceChildren(
    ...[
      readerList(result.cannot_receive),
      readerList(result.needs_fix),
      result.problems.length &&
        h(
          "details",
          { class: "number-audit__problems", dataset: { part: "problems" } },
          h("summary", {}, "Rows with each problem"),
          table(
            "Rows with each problem",
            ["Problem", "Rows"],
            result.problems.map((p) => [p.label, formatNumber(p.rows)]),
          ),
        ),
    ]
      .flat()
      .filter(Boolean),
  );
}

defineWidget("number-audit", {
  setup(ctx) {
    const [fileInput, column, idColumn, region, run, cancel, progress, bar, progressText, outcome, top, box, download, stopped, saveExcel, excelStatus] = [
      "file", "column", "id-column", "region", "run", "cancel", "progress", "bar", "progress-text", "outcome", "summary",
      "result", "download", "stopped", "save-xlsx", "excel-status",
    ].map((name) => ctx.part(name));
    let fixed = null; // the last result's corrected file: { name, csv: Blob, delimiter, excelName, excel: Blob | null }
    const maxBytes = Number(ctx.root.dataset.maxBytes);
    let file = null; // the chosen File
    let columns = null; // csv_columns' result for `file`
    let idChoices = new Map(); // id-column option value -> the columns it names rows by
    let running = null; // the AbortController of the audit in progress
    let generation = 0; // bumps when the file changes, so late replies are dropped

    const say = (text, { quiet = false } = {}) => {
      outcome.textContent = text;
      // Once the result shows its sentence, the status line says it to screen readers only.
      outcome.classList.toggle("sms-widget__visually-hidden", quiet);
    };
    const clearResult = () => {
      top.replaceChildren();
      box.replaceChildren();
      download.hidden = true;
      stopped.hidden = true;
      excelStatus.textContent = "";
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
      idColumn.replaceChildren(idColumn.options[0]);
      idColumn.disabled = true;
      idChoices = new Map();
      run.disabled = true;
    };
    const fillIdColumns = (result) => {
      const none = idColumn.options[0]; // "None (use line numbers)", from the macro
      idChoices = new Map([["", []]]);
      const options = [none];
      const suggested = result.suggested_id;
      if (suggested.length > 1) {
        idChoices.set("both", suggested);
        options.push(h("option", { value: "both" }, result.suggested_id_label));
      }
      result.columns.forEach((name, index) => {
        if (!name) return;
        idChoices.set(String(index), [name]);
        options.push(h("option", { value: String(index) }, name));
      });
      idColumn.replaceChildren(...options);
      const preselect = suggested.length > 1 ? "both" : suggested.length ? String(result.columns.indexOf(suggested[0])) : "";
      idColumn.value = preselect;
      idColumn.disabled = false;
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
      idColumn.disabled = on || !columns;
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
        fillIdColumns(result);
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
          {
            column: column.value,
            id_columns: idChoices.get(idColumn.value) ?? [],
            default_region: region.value,
            file_name: file.name,
            size: file.size,
          },
          { file, signal: running.signal, onProgress: ({ done, total, rows }) => setProgress(done, total, rows) },
        );
        if (mine !== generation) return;
        renderResult(top, box, result);
        fixed = { name: result.download_name, csv: result.fixed_csv, delimiter: result.format.delimiter, excelName: result.excel_name, excel: null };
        download.hidden = false;
        say(result.summary.sentence, { quiet: true });
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

    async function downloadExcel() {
      const wanted = fixed;
      if (!wanted) return;
      if (wanted.excel) {
        saveFile(wanted.excelName, wanted.excel, XLSX_TYPE);
        return;
      }
      saveExcel.disabled = true;
      excelStatus.textContent = "Making the Excel file…";
      try {
        const made = await ctx.call("fixed_xlsx", { delimiter: wanted.delimiter }, { file: wanted.csv });
        if (wanted !== fixed) return; // another file or check since
        wanted.excel = made.xlsx;
        excelStatus.textContent = "";
        saveFile(wanted.excelName, made.xlsx, XLSX_TYPE);
      } catch (error) {
        if (wanted === fixed) excelStatus.textContent = `Error: ${error?.message || error}`;
      } finally {
        saveExcel.disabled = false;
      }
    }

    const forget = () => {
      clearResult();
      say("");
    };
    ctx.part("save").addEventListener("click", () => fixed && saveFile(fixed.name, fixed.csv, "text/csv;charset=utf-8"));
    saveExcel.addEventListener("click", downloadExcel);
    fileInput.addEventListener("change", chooseFile);
    for (const control of [column, idColumn, region]) control.addEventListener("change", forget);
    run.addEventListener("click", runAudit);
    cancel.addEventListener("click", () => running?.abort());
    if (fileInput.files?.length) chooseFile(); // a file kept by the browser on back/forward
  },
});
