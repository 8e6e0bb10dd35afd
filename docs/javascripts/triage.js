// The start page's triage: mounts on every [data-widget="triage"] that the triage() macro
// writes. Without JavaScript the reader sees every situation as a list of plain links; with
// it, the questions appear as radio buttons and the route for the answers is shown in an
// aria-live region. The answers are kept in sessionStorage "sms-help.triage" (the contract
// in widget-kit.js), where the report builder reads them for its scope questions.
// No Python here: the routes were worked out at build time (checkers/data/triage.toml).

import { el, mountWidgets, readSession, writeSession } from "./widget-kit.js";

const STORAGE_KEY = "sms-help.triage";

/** The stored answers as a plain object (anything else in storage is ignored). */
function storedAnswers() {
  const stored = readSession(STORAGE_KEY, {});
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

/** The first route whose every condition is met by `answers`, or -1. */
function findRoute(routes, answers) {
  return routes.findIndex((route) =>
    Object.entries(route.when).every(([key, values]) => values.includes(answers[key])),
  );
}

function mount(root) {
  const form = root.querySelector(".triage__form");
  const result = root.querySelector(".triage__result");
  const fallback = root.querySelector(".triage__fallback");
  const all = root.querySelector(".triage__all");
  let routes;
  try {
    routes = JSON.parse(root.dataset.routes || "[]");
  } catch {
    return; // the plain links still work
  }
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

  const render = () => {
    const chosen = answers();
    const index = findRoute(routes, chosen);
    result.replaceChildren();
    delete result.dataset.route;
    if (index < 0) {
      result.append(el("p", "triage__prompt", "Answer the first question to see which check to start with."));
      return;
    }
    const advice = root.querySelector(`.triage__route[data-route="${index}"] .triage__advice`);
    const situation = root.querySelector(`.triage__route[data-route="${index}"] .triage__situation`);
    result.dataset.route = String(index);
    result.append(el("p", "triage__result-title", "Where to start"));
    if (advice) result.append(...[...advice.children].map((node) => node.cloneNode(true)));
    else if (situation) result.append(situation.cloneNode(true));
  };

  const save = () => {
    const stored = storedAnswers();
    for (const key of keys) delete stored[key];
    const chosen = answers();
    writeSession(STORAGE_KEY, Object.keys(chosen).length || Object.keys(stored).length ? { ...stored, ...chosen } : null);
  };

  // Restore the answers given earlier in this tab.
  const stored = storedAnswers();
  for (const fieldset of questions) {
    const value = stored[fieldset.dataset.answer];
    for (const radio of fieldset.querySelectorAll("input[type=radio]")) {
      radio.disabled = false;
      radio.checked = typeof value === "string" && radio.value === value;
    }
  }
  const reset = form.querySelector(".triage__reset");
  reset.disabled = false;

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

  fallback.hidden = true;
  form.hidden = false;
  result.hidden = false;
  if (all) all.open = false;
  render();
}

mountWidgets('[data-widget="triage"]', mount);
