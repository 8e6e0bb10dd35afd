// The start page's triage (triage() macro). Without JavaScript the reader sees every
// situation as a list of plain links; with it, the questions appear one at a time as radio
// buttons, each only when its answer matters, and the route for the answers is shown in an
// aria-live region once no question that matters is left. Which question comes next, and
// which route the answers lead to, was worked out at build time (root[data-flow]). The answers are kept in
// sessionStorage "sms-help.triage" (the contract in widget-kit.js), where the report builder
// reads them for its scope questions. No Python here: the routes were worked out at build
// time (checkers/data/triage.toml). Life cycle: widget-kit.js.

import { defineWidget, readObject, writeSession } from "./widget-kit.js";

const STORAGE_KEY = "sms-help.triage";

defineWidget("triage", {
  python: false,
  setup(ctx) {
    const { root } = ctx;
    const form = ctx.part("form");
    const result = ctx.part("result");
    const flow = JSON.parse(root.dataset.flow || "{}");
    const questions = [...form.querySelectorAll("fieldset[data-answer]")];
    const keys = questions.map((fieldset) => fieldset.dataset.answer);

    const answers = () => {
      const chosen = {};
      for (const fieldset of questions) {
        const checked = fieldset.querySelector("input[type=radio]:checked");
        if (checked) chosen[fieldset.dataset.answer] = checked.value;
      }
      return chosen;
    };

    /** A copy of one of the macro's hidden texts, shown. */
    const shown = (node) => {
      const copy = node.cloneNode(true);
      copy.removeAttribute("hidden");
      copy.removeAttribute("data-part");
      return copy;
    };
    /** Walk the flow from the first question: show each question asked, stop at the first
     * unanswered one (or at the route). Returns the route's index, or -1. */
    const walk = () => {
      const chosen = answers();
      const asked = new Set();
      let key = "";
      for (;;) {
        const step = flow[key];
        if (!step || step.route !== undefined) return [step ? step.route : -1, asked];
        asked.add(step.ask);
        if (chosen[step.ask] === undefined) return [-1, asked];
        key += `${key ? "|" : ""}${step.ask}=${chosen[step.ask]}`;
      }
    };
    const render = () => {
      const [index, asked] = walk();
      for (const node of questions) node.hidden = !asked.has(node.dataset.answer);
      delete result.dataset.route;
      if (index < 0) {
        result.replaceChildren(shown(ctx.part("prompt")));
        return;
      }
      const advice = root.querySelector(`.triage__route[data-route="${index}"] .triage__advice`);
      result.dataset.route = String(index);
      result.replaceChildren(shown(ctx.part("start-title")), ...[...advice.children].map((node) => node.cloneNode(true)));
    };

    const save = () => {
      const stored = readObject(STORAGE_KEY);
      for (const key of keys) delete stored[key];
      const chosen = answers();
      writeSession(STORAGE_KEY, Object.keys(chosen).length || Object.keys(stored).length ? { ...stored, ...chosen } : null);
    };

    // Restore the answers given earlier in this tab.
    const stored = readObject(STORAGE_KEY);
    for (const fieldset of questions) {
      const value = stored[fieldset.dataset.answer];
      for (const radio of fieldset.querySelectorAll("input[type=radio]")) radio.checked = typeof value === "string" && radio.value === value;
    }

    form.addEventListener("change", () => {
      save();
      render();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", () => {
      // The form clears the radios after this event: save and render once it has.
      setTimeout(() => {
        save();
        render();
        questions[0]?.querySelector("input[type=radio]")?.focus();
      });
    });

    // Follow the widget's links with a normal page load, not Material's instant navigation:
    // its navigation.tracking can rewrite the new address with this page's heading and the
    // reader would not land on the check (the plain load always scrolls to the anchor).
    root.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest("a[href]")) event.stopPropagation();
    });

    ctx.part("all").open = false;
    render();
  },
});
