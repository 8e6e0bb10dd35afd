// The allowance checker widget (allowance_checker() macro, Section 1 Check 1): the reader
// pastes the SMS Limits table; checkers (op "check_allowances") says who cannot send SMS and
// why, in its own words. Life cycle: widget-kit.js; guide text: the macro's HTML.

import { answerBox, defineWidget, h, table } from "./widget-kit.js";

function blockedTable(blocked) {
  return table(
    "Users who cannot send SMS, and why",
    ["User", "Why they cannot send"],
    blocked.map((row) => [row.who, row.reason]),
    { rowHeaders: true, rowData: (index) => ({ line: blocked[index].line, code: blocked[index].code }) },
  );
}

defineWidget("allowance-checker", {
  setup(ctx) {
    const input = ctx.part("input");
    const verdict = ctx.part("verdict");
    const details = ctx.part("details");
    const [fix, fine, notes, noteList] = ["fix", "fine", "notes", "note-list"].map((name) => ctx.part(name));

    /** The one-line answer, in the live region: rewritten only when it changes, so a
     * screen reader announces a new verdict, not every keystroke. */
    const setVerdict = (state, answer, headline) => {
      if (verdict.dataset.verdict === state && verdict.textContent === headline) return;
      verdict.replaceChildren(answerBox({ answer, headline, part: "answer" }));
      verdict.dataset.verdict = state;
    };
    const show = ({ table = null, note = null, fixText = null, allFine = false, notesShown = [] } = {}) => {
      details.replaceChildren(...[table, note && h("p", { class: "allowance-checker__more" }, note)].filter(Boolean));
      fix.hidden = !fixText; // the macro wrote checkers' fix, with the CRM's buttons as keys
      fine.hidden = !allFine;
      noteList.replaceChildren(...notesShown.map((text) => h("li", {}, text)));
      notes.hidden = notesShown.length === 0;
    };
    const clear = () => {
      show();
      verdict.replaceChildren();
      delete verdict.dataset.verdict;
    };

    const check = ctx.live({
      op: "check_allowances",
      request: () => (input.value === "" ? null : { text: input.value }),
      render: (result) => {
        const blocked = result.cannot_send > 0;
        setVerdict(blocked ? "blocked" : "all-can-send", result.answer, result.verdict);
        show({
          table: blocked ? blockedTable(result.blocked) : null,
          note: result.blocked_note,
          fixText: result.fix,
          allFine: !blocked,
          notesShown: result.notes,
        });
      },
      fail: (message) => {
        show();
        setVerdict("unreadable", "no", `Cannot check the table: ${message}`);
      },
      clear,
    });

    input.addEventListener("input", check);
    ctx.part("clear").addEventListener("click", () => {
      input.value = "";
      input.focus();
      check();
    });
    ctx.part("example").addEventListener("click", () => {
      input.value = ctx.root.dataset.example ?? "";
      check();
    });
    check();
  },
});
