// The guide's tick boxes remember their state for as long as the tab is open.
//
// hooks/tasklist_labels.py marks every tick box (pymdownx.tasklist) at build time with
// data-tick (its index on the page) and, on a "Done: …" box, data-step (the guide step it
// closes) and data-steps (every step id in guide order). This script keeps, in sessionStorage:
//   "sms-help.ticks"       { "<page path>#<data-tick>": true } for every ticked box;
//   "sms-help.steps-done"  the step ids whose "Done:" box is ticked, in guide order
//                          (the report builder pre-fills "steps already tried" from it).
// Without JavaScript the boxes still tick; they are just not remembered.

import { mountAll, readList, readObject, writeSession } from "./widget-kit.js";

const TICKS = "sms-help.ticks";
const STEPS_DONE = "sms-help.steps-done";

function tickKey(box) {
  return `${window.location.pathname}#${box.dataset.tick}`;
}

/** Add or remove `step` in "sms-help.steps-done", keeping the guide's order. */
function recordStep(step, done, order) {
  const steps = new Set(readList(STEPS_DONE));
  if (done) steps.add(step);
  else steps.delete(step);
  const rank = (id) => {
    const at = order.indexOf(id);
    return at === -1 ? order.length : at;
  };
  // Array.prototype.sort is stable: ids not in the order keep the order they were added in.
  writeSession(STEPS_DONE, [...steps].sort((a, b) => rank(a) - rank(b)));
}

function save(box) {
  const ticks = readObject(TICKS);
  if (box.checked) ticks[tickKey(box)] = true;
  else delete ticks[tickKey(box)];
  writeSession(TICKS, ticks);
  if (box.dataset.step) {
    recordStep(box.dataset.step, box.checked, (box.dataset.steps || "").split(/\s+/).filter(Boolean));
  }
}

function mountBox(box) {
  if (readObject(TICKS)[tickKey(box)] === true) box.checked = true;
  else if (box.checked && !box.defaultChecked) save(box); // ticked before this script ran
  box.addEventListener("change", () => save(box));
}

mountAll(".task-list-control input[type='checkbox'][data-tick]", mountBox);
