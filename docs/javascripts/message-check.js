// The message checker widget (message_check() macro, the Tools page): the reader types or
// pastes an SMS and sees, as they type, checkers' counts, parts and verdict (op
// "check_message"), with every character GSM-7 lacks marked in place with what to write
// instead. Life cycle: widget-kit.js; guide text: the macro's HTML; every sentence: checkers.
//
// What is built stays bounded whatever is pasted: checkers returns at most its first parts,
// each with a few highlight runs, so the page makes a few nodes per run, never one per
// character (text between marks is one text node).

import { copyButton, defineWidget, h } from "./widget-kit.js";

/** How long the text must stay unchanged before a screen reader hears the new counts (as
 * GOV.UK's character count does: announcing every keystroke would drown the typing). */
const ANNOUNCE_AFTER_MS = 1000;

/** What a mark's replacement does, for the stylesheet (the hint says it in words). */
function fixKind(replacement) {
  if (replacement === null) return "none";
  return replacement === "" ? "remove" : "replace";
}

/** One part of the message: its label, then its text with the characters to fix marked. */
function partView(text, part, preview) {
  const nodes = [];
  let at = part.utf16_start;
  for (const mark of preview.highlights) {
    if (mark.start > at) nodes.push(text.slice(at, mark.start));
    nodes.push(
      h(
        "mark",
        { class: "message-check__mark", dataset: { fix: fixKind(mark.replacement) } },
        h("span", { class: "message-check__was" }, text.slice(mark.start, mark.end)),
        h("span", { class: "message-check__hint" }, mark.hint),
      ),
    );
    at = mark.end;
  }
  if (part.utf16_end > at) nodes.push(text.slice(at, part.utf16_end));
  return h(
    "li",
    { class: "message-check__part" },
    h("p", { class: "message-check__part-label" }, preview.label),
    h("p", { class: "message-check__text" }, nodes),
  );
}

/** Put `text` in the text area as if typed, so the reader's Undo brings the old text back. */
function replaceText(input, text) {
  input.focus();
  input.select();
  // execCommand is the only way to keep the undo history of a text area; where it does
  // nothing, set the value and say it changed.
  const typed = text !== "" && document.execCommand?.("insertText", false, text);
  if (!typed || input.value !== text) {
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  input.setSelectionRange(text.length, text.length);
}

defineWidget("message-check", {
  setup(ctx) {
    const input = ctx.part("input");
    const [counts, verdict, notes, fix, replace, preview, marksHint, parts, partsNote, announce] = [
      "counts",
      "verdict",
      "notes",
      "fix",
      "replace",
      "preview",
      "marks-hint",
      "parts",
      "parts-note",
      "announce",
    ].map((name) => ctx.part(name));
    let fixedText = "";
    const [copy, copyNote] = copyButton(() => fixedText, { label: fix.dataset.copyLabel });
    fix.append(copy, copyNote);

    let announcing;
    const announceLater = (...lines) => {
      clearTimeout(announcing);
      announcing = setTimeout(() => {
        announce.replaceChildren(...lines.map((line) => h("span", {}, line, " ")));
      }, ANNOUNCE_AFTER_MS);
    };

    const show = (result) => {
      const text = input.value; // render() runs only while the text is the one checked
      counts.textContent = result.counts;
      verdict.replaceChildren(h("strong", {}, result.verdict));
      verdict.dataset.verdict = result.verdict_code;
      if (result.empty) delete verdict.dataset.sendable;
      else verdict.dataset.sendable = String(result.ok);
      notes.replaceChildren(...result.notes.map((note) => h("li", {}, note)));
      notes.hidden = result.notes.length === 0;
      fixedText = result.fixed_text;
      fix.hidden = result.fixed_text === text;
      copyNote.textContent = "";
      parts.replaceChildren(...result.parts.map((part, index) => partView(text, part, result.preview[index])));
      preview.hidden = result.parts.length === 0;
      marksHint.hidden = !result.preview.some((shown) => shown.highlights.length > 0);
      partsNote.textContent = result.parts_note ?? "";
      partsNote.hidden = !result.parts_note;
      announceLater(result.counts, result.verdict);
    };

    const refuse = (message) => {
      counts.textContent = "";
      verdict.replaceChildren(message);
      verdict.dataset.verdict = "refused";
      verdict.dataset.sendable = "false";
      notes.hidden = true;
      fix.hidden = true;
      preview.hidden = true;
      parts.replaceChildren();
      announceLater(message);
    };

    const check = ctx.live({
      op: "check_message",
      request: () => ({ text: input.value }),
      render: show,
      fail: refuse,
    });
    input.addEventListener("input", check);
    replace.addEventListener("click", () => replaceText(input, fixedText));
    check();
  },
});
