// The report builder widget (report_builder(kind) macro; two may share a page). Closed until
// the reader asks for it ("Write a report for support", a disclosure button), then three
// stages, as GOV.UK forms: the form ("Continue"), "Check your answers" (every question, a
// Change link each, and the numbers that can never receive SMS to change or keep) and the
// finished report with Copy, Download, the way to the channel and "What happens next".
// Life cycle: widget-kit.js.
//
// checkers decides everything about the answers (op "build_report"): what is missing or
// wrong and why, the numbers that can never receive SMS, the dates read in the reader's
// zone, the report's text. This script collects the answers, adds the reader's time and
// time zone (Pyodide has no zone database: the browser describes its own zone as a table
// of offsets, checkers/_internal/zones.py), and shows checkers' result. The guide's own
// words are in the macro's HTML (macros/_report.py).
//
// The draft lives in sessionStorage (the key contract is in widget-kit.js):
//   "sms-help.report.<kind>"  { answers, touched, stage, open, keep, sent, result, resultFor }
//   "sms-help.report.common"  { answers, touched } for the questions every report shares,
//                             so the reader answers them once.
// "steps already tried" is pre-filled from "sms-help.steps-done" (guide-ticks.js) and the
// scope questions from "sms-help.triage" (triage.js) until the reader changes them.

import { asList, asObject, copyButton, defineWidget, forgetSession, h, readList, readObject, saveFile, writeSession } from "./widget-kit.js";

const COMMON_KEY = "sms-help.report.common";
const STEPS_DONE = "sms-help.steps-done";
const TRIAGE = "sms-help.triage";
const FROM_TRIAGE = ["users_affected", "applicants_affected"];
const STAGES = ["form", "review", "final"];
const DAY = 86_400;

/** Every mounted widget's controller, so widgets on one page keep their shared answers in step. */
const controllers = new Set();

function liveControllers() {
  for (const controller of controllers) if (!controller.root.isConnected) controllers.delete(controller);
  return [...controllers];
}

const draftKey = (kind) => `sms-help.report.${kind}`;
const pad = (number) => String(number).padStart(2, "0");

/** The reader's time with its UTC offset, to the second: "2026-11-28T15:00:00+00:00". */
export function localIso(now = new Date()) {
  const minutes = -now.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${day}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${offset}`;
}

function zoneName() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return "";
  }
}

let zoneCache = null;

/**
 * The reader's zone as checkers reads it (zones.py Zone.from_plain): its name, its offset at
 * the start of the span and every change after it, found to the second. The span is whole
 * UTC days, `back` days before today to `ahead` after it; the steps are those of
 * checkers/_internal/local_zone.py zone_named, so both give the same table.
 */
export function zoneTable(now = new Date(), back = 3653, ahead = 2) {
  const name = zoneName();
  const today = Math.floor(now.getTime() / 1000 / DAY) * DAY;
  if (zoneCache?.today === today && zoneCache.name === name && zoneCache.back === back && zoneCache.ahead === ahead) return zoneCache.table;
  const offsetAt = (second) => -new Date(second * 1000).getTimezoneOffset();
  const start = today - back * DAY;
  const until = today + ahead * DAY;
  const offsets = [[start, offsetAt(start)]];
  let second = start;
  while (second < until) {
    const step = Math.min(second + DAY, until);
    const last = offsets[offsets.length - 1][1];
    if (offsetAt(step) === last) {
      second = step;
      continue;
    }
    let low = second;
    let high = step; // the offset changes after low, by high
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(middle) === last) low = middle;
      else high = middle;
    }
    offsets.push([high, offsetAt(high)]);
    second = high;
  }
  const table = { name, offsets, until };
  zoneCache = { today, name, back, ahead, table };
  return table;
}

/** "sms-report-not_received-2026-11-28.txt", with today's date where the reader is. */
function reportFilename(kind, now = new Date()) {
  return `sms-report-${kind}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}

// In-widget links (error summary, Change) move the focus themselves. Material's instant
// navigation handles every same-site link click before the link's own listeners would, so
// they are caught first, on the window in the capture phase.
const FOLLOW = Symbol("report-builder.follow");

function followLink(text, href, action, ...extra) {
  const link = h("a", { href }, text, ...extra);
  link[FOLLOW] = action;
  return link;
}

window.addEventListener(
  "click",
  (event) => {
    const link = event.target?.closest?.("a");
    if (!link || typeof link[FOLLOW] !== "function") return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    link[FOLLOW]();
  },
  true,
);

// --- one field of the form ---------------------------------------------------------------

class FormField {
  constructor(node) {
    this.node = node;
    this.id = node.dataset.field;
    this.type = node.dataset.type;
    this.common = node.dataset.common === "true";
    this.controlId = node.dataset.control;
    this.inputs = [...node.querySelectorAll("input:not([data-picker]), textarea")];
    this.picker = node.querySelector("input[data-picker]");
    this.error = node.querySelector('[data-part="field-error"]');
    this.warning = node.querySelector('[data-part="field-warning"]');
    this.warningList = node.querySelector('[data-part="field-warning-list"]');
    this.describers = (this.describedElement().getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  }

  get grouped() {
    return this.type === "choice" || this.type === "steps";
  }

  /** The element that carries aria-describedby: the fieldset of a group, else the control. */
  describedElement() {
    return this.grouped ? this.node : this.inputs[0];
  }

  get value() {
    if (this.type === "choice") return this.inputs.find((input) => input.checked)?.value ?? "";
    if (this.type === "steps") return this.inputs.filter((input) => input.checked).map((input) => input.value);
    return this.inputs[0].value;
  }

  set value(value) {
    if (this.type === "choice") {
      for (const input of this.inputs) input.checked = input.value === value;
    } else if (this.type === "steps") {
      const chosen = new Set(asList(value));
      for (const input of this.inputs) input.checked = chosen.has(input.value);
    } else {
      this.inputs[0].value = typeof value === "string" ? value : "";
    }
  }

  clear() {
    this.value = this.type === "steps" ? [] : "";
    if (this.picker) this.picker.value = "";
  }

  isEmpty() {
    const value = this.value;
    return Array.isArray(value) ? value.length === 0 : value === "";
  }

  focus() {
    const target = this.inputs.find((input) => input.checked) ?? this.inputs[0];
    target.focus();
    target.scrollIntoView?.({ block: "center" });
  }

  describe() {
    const ids = [...this.describers];
    if (!this.error.hidden) ids.unshift(this.error.id);
    if (this.warning && !this.warning.hidden) ids.push(this.warning.id);
    const target = this.describedElement();
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
  }

  showError(message) {
    this.node.classList.toggle("report-builder__field--error", Boolean(message));
    this.error.hidden = !message;
    this.error.replaceChildren(...(message ? [h("strong", {}, "Error: "), message] : []));
    for (const input of this.grouped ? [] : this.inputs) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    this.describe();
  }

  /** checkers' sentences about numbers that can never receive SMS, under the field. */
  showWarnings(messages = []) {
    if (!this.warning) return;
    this.warning.hidden = messages.length === 0;
    this.warningList.replaceChildren(...messages.map((message) => h("li", {}, h("strong", {}, "Warning: "), message)));
    this.describe();
  }
}

// --- the widget --------------------------------------------------------------------------

class ReportBuilder {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = ctx.root;
    this.kind = this.root.dataset.kind;
    this.region = this.root.dataset.defaultRegion || "GB";
    const [back, ahead] = (this.root.dataset.zoneSpan || "").split(",").map(Number);
    this.span = [back || undefined, ahead || undefined]; // unset: zoneTable's defaults
    this.$ = {}; // the widget's parts, by camel-cased data-part name
    for (const name of [
      "open", "panel", "announce", "unsaved", "form", "form-title", "errors", "error-list", "tz-name", "continue",
      "review", "review-title", "numbers", "numbers-title", "numbers-list", "numbers-error", "keep", "keep-label",
      "cleaned", "summary", "create", "final", "final-title", "text", "output", "next", "back", "forget", "confirm",
      "confirm-text", "forget-yes", "forget-no",
    ]) {
      this.$[name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())] = ctx.part(name);
    }
    this.fields = [...this.$.form.querySelectorAll("[data-field]")].map((node) => new FormField(node));
    this.stage = "form";
    this.opened = false;
    this.touched = new Set();
    this.keep = []; // the numbers the reader keeps although they can never receive SMS
    this.sent = false; // copied or downloaded: "What happens next" shows
    this.result = null; // checkers' last result for the current answers
    this.resultFor = null; // the request that result answers (see fingerprint())
    this.checking = false;
    this.pendingCheck = null; // a Continue (or a restore) waiting for Python
  }

  field(id) {
    return this.fields.find((field) => field.id === id);
  }

  // --- answers and the draft ---

  answers() {
    return { ...Object.fromEntries(this.fields.map((field) => [field.id, field.value])), keep_numbers: this.keep };
  }

  request() {
    const now = new Date();
    const answers = { ...this.answers(), timezone: zoneTable(now, ...this.span), now: localIso(now) };
    return { kind: this.kind, answers, default_region: this.region };
  }

  /** What a result depends on: the answers, the zone and today's date (not the minute). */
  fingerprint(answers = this.answers()) {
    return JSON.stringify({ answers, zone: zoneName(), today: localIso().slice(0, 10), region: this.region });
  }

  save({ common: saveCommon = true } = {}) {
    const own = readObject(draftKey(this.kind));
    const common = readObject(COMMON_KEY);
    const ownTouched = new Set(asList(own.touched));
    const commonTouched = new Set(asList(common.touched));
    const ownAnswers = {};
    const commonAnswers = { ...asObject(common.answers) };
    for (const field of this.fields) {
      (field.common ? commonAnswers : ownAnswers)[field.id] = field.value;
      if (this.touched.has(field.id)) (field.common ? commonTouched : ownTouched).add(field.id);
    }
    const keep = this.stage !== "form" && this.result && this.resultFor === this.fingerprint();
    let saved = writeSession(draftKey(this.kind), {
      answers: ownAnswers,
      touched: [...ownTouched],
      stage: this.stage,
      open: this.opened,
      keep: this.keep,
      sent: this.sent,
      result: keep ? this.result : null,
      resultFor: keep ? this.resultFor : null,
    });
    if (saveCommon) saved = writeSession(COMMON_KEY, { answers: commonAnswers, touched: [...commonTouched] }) && saved;
    this.$.unsaved.hidden = saved;
  }

  restore() {
    const own = readObject(draftKey(this.kind));
    const common = readObject(COMMON_KEY);
    const ownAnswers = asObject(own.answers);
    const commonAnswers = asObject(common.answers);
    this.touched = new Set([...asList(own.touched), ...asList(common.touched)]);
    for (const field of this.fields) {
      const stored = (field.common ? commonAnswers : ownAnswers)[field.id];
      if (stored !== undefined) field.value = stored;
    }
    this.keep = asList(own.keep);
    this.sent = own.sent === true;
    this.prefill();
    // A draft of this kind opens its form again.
    const drafted = Object.values(ownAnswers).some((value) => (Array.isArray(value) ? value.length : value));
    this.toggle(own.open ?? drafted, { save: false });
    const stage = STAGES.includes(own.stage) ? own.stage : "form";
    if (stage !== "form" && own.result && own.resultFor === this.fingerprint() && own.result.complete) {
      this.result = own.result;
      this.resultFor = own.resultFor;
      this.renderReview(this.result);
      if (stage === "final") this.renderFinal(this.result);
      this.show(stage, { focus: false });
    } else if (stage !== "form") {
      // The answers changed since (new ticks, shared answers, another day): ask checkers again.
      this.check({ goTo: stage, focus: false });
    }
  }

  /** Apply the shared answers another widget on this page saved. */
  applyCommon() {
    const common = readObject(COMMON_KEY);
    const answers = asObject(common.answers);
    const touched = new Set(asList(common.touched));
    for (const field of this.fields) {
      if (!field.common) continue;
      if (touched.has(field.id)) this.touched.add(field.id);
      else this.touched.delete(field.id);
      if (answers[field.id] === undefined) field.clear();
      else field.value = answers[field.id];
    }
    this.prefill();
    this.answersChanged();
  }

  /** Pre-fill untouched questions from the guide's ticks and the start page's answers. */
  prefill() {
    const steps = this.field("steps_tried");
    if (steps && !this.touched.has(steps.id)) {
      const known = new Set(steps.inputs.map((input) => input.value));
      steps.value = readList(STEPS_DONE).filter((id) => known.has(id));
    }
    const triage = readObject(TRIAGE);
    for (const id of FROM_TRIAGE) {
      const field = this.field(id);
      const value = triage[id];
      if (!field || this.touched.has(id) || typeof value !== "string") continue;
      if (field.inputs.some((input) => input.value === value)) field.value = value;
    }
  }

  /** The answers changed: a shown review or report no longer matches them. */
  answersChanged() {
    if (this.stage !== "form" && this.resultFor !== this.fingerprint()) this.check({ goTo: this.stage, focus: false });
  }

  // --- opening, stages ---

  /** Open or close the form (the disclosure button says which). */
  toggle(open, { save = true } = {}) {
    this.opened = Boolean(open);
    this.$.open.setAttribute("aria-expanded", String(this.opened));
    this.$.panel.hidden = !this.opened;
    this.root.dataset.open = String(this.opened);
    if (save) this.save();
  }

  show(stage, { focus = true } = {}) {
    this.stage = stage;
    this.$.form.hidden = stage !== "form";
    this.$.review.hidden = stage !== "review";
    this.$.final.hidden = stage !== "final";
    this.root.dataset.stage = stage;
    if (focus) {
      const title = { form: this.$.formTitle, review: this.$.reviewTitle, final: this.$.finalTitle }[stage];
      title.focus();
      title.scrollIntoView?.({ block: "start" });
    }
    this.save();
  }

  /** Say one of the announce element's sentences (its data-say-<name>) to screen readers. */
  /** Announce the macro's message `name` (data-say-<name> on the live region). */
  announce(name) {
    this.announceText(this.$.announce.dataset[`say${name[0].toUpperCase()}${name.slice(1)}`] ?? "");
  }

  clearMessages() {
    for (const field of this.fields) {
      field.showError("");
      field.showWarnings([]);
    }
    this.$.errorList.replaceChildren();
    this.$.errors.hidden = true;
  }

  /** checkers' errors: the error summary (each names its question) and each field's message. */
  renderErrors(result) {
    const items = [];
    for (const resultField of result.fields) {
      const field = this.field(resultField.id);
      field?.showError(resultField.error ?? "");
      field?.showWarnings(resultField.warnings);
      if (!resultField.error) continue;
      items.push(h("li", {}, followLink(resultField.error, `#${field?.controlId ?? ""}`, () => field?.focus())));
    }
    this.$.errorList.replaceChildren(...items);
    this.$.errors.hidden = items.length === 0;
    return items.length;
  }

  /** The error summary with one message that no field owns (checkers refused the request). */
  renderRequestError(message) {
    this.$.errorList.replaceChildren(h("li", {}, message));
    this.$.errors.hidden = false;
    this.$.errors.focus();
  }

  /** A link back to a question of the form, focused there. */
  changeLink(fieldId, question) {
    const field = this.field(fieldId);
    const { change, changeHint } = this.$.summary.dataset;
    const go = () => {
      this.show("form", { focus: false });
      field?.focus();
    };
    return followLink(change, `#${field?.controlId ?? ""}`, go, h("span", { class: "sms-widget__visually-hidden" }, `${changeHint}${question}`));
  }

  renderReview(result) {
    const rows = result.fields.map((resultField) => {
      const classes = `report-builder__value${resultField.answered ? "" : " report-builder__value--missing"}`;
      const value = resultField.listed && resultField.shown.length > 1
        ? h("dd", { class: classes }, h("ul", {}, resultField.shown.map((line) => h("li", {}, line))))
        : h("dd", { class: classes }, resultField.shown.join("\n"));
      return h(
        "div",
        { class: "report-builder__row", dataset: { field: resultField.id } },
        h("dt", { class: "report-builder__question" }, resultField.label),
        value,
        h("dd", { class: "report-builder__change" }, this.changeLink(resultField.id, resultField.label)),
      );
    });
    this.$.summary.replaceChildren(...rows);
    this.renderNumbers(result);
    this.$.cleaned.hidden = !result.cleaned;
    this.$.cleaned.textContent = result.cleaned ?? "";
  }

  /** The numbers that can never receive SMS: each with checkers' reason, change or keep. */
  renderNumbers(result, { showError = false } = {}) {
    const numbers = result.unsendable;
    this.$.numbers.hidden = numbers.length === 0;
    this.$.numbersTitle.textContent = result.numbers_title ?? "";
    const question = (id) => result.fields.find((field) => field.id === id)?.label ?? "";
    this.$.numbersList.replaceChildren(
      ...numbers.map((number) => h("li", {}, number.warning, " ", this.changeLink(number.field, question(number.field)))),
    );
    this.$.keepLabel.textContent = result.keep_label;
    this.$.keep.checked = numbers.length > 0 && result.numbers_kept;
    const error = showError ? result.numbers_error : null;
    this.$.numbersError.hidden = !error;
    this.$.numbersError.replaceChildren(...(error ? [h("strong", {}, "Error: "), error] : []));
    this.$.numbers.classList.toggle("report-builder__numbers--error", Boolean(error));
  }

  renderFinal(result) {
    this.$.text.textContent = result.text ?? "";
    this.$.next.hidden = !this.sent;
  }

  // --- checking the answers with checkers ---

  /** Ask checkers about the answers, then go to stage `goTo` (or stay, for warnings only). */
  check(pending) {
    this.pendingCheck = pending;
    this.runPending();
  }

  async runPending() {
    if (!this.pendingCheck || this.checking) return;
    const { goTo, focus } = this.pendingCheck;
    this.pendingCheck = null;
    this.checking = true;
    this.root.setAttribute("aria-busy", "true");
    const request = this.request();
    const asked = this.fingerprint();
    let result;
    try {
      result = await this.ctx.call("build_report", request);
    } catch (error) {
      this.show("form", { focus: false });
      this.renderRequestError(error?.message || String(error));
      return;
    } finally {
      this.checking = false;
      this.root.removeAttribute("aria-busy");
      this.$.continue.removeAttribute("aria-describedby");
    }
    if (this.pendingCheck || this.fingerprint() !== asked) {
      this.pendingCheck ??= { goTo, focus }; // the answers changed while checkers worked: ask again
      this.runPending();
      return;
    }
    this.afterCheck(result, asked, goTo, focus);
  }

  afterCheck(result, asked, goTo, focus) {
    if (goTo === "warnings") {
      // Only the number warnings of the phone questions, as the reader leaves one.
      for (const resultField of result.fields) {
        const field = this.field(resultField.id);
        if (field?.type.startsWith("phone")) field.showWarnings(resultField.warnings);
      }
      return;
    }
    const errors = this.renderErrors(result);
    if (errors) {
      this.result = null;
      this.resultFor = null;
      if (this.stage !== "form") this.show("form", { focus: false });
      if (focus || goTo === "form") this.$.errors.focus();
      if (result.problems) this.announceText(result.problems);
      return;
    }
    this.result = result;
    this.resultFor = asked;
    this.renderReview(result);
    const stage = goTo === "final" && result.complete ? "final" : "review";
    if (stage === "final") this.renderFinal(result);
    this.show(stage, { focus });
    if (focus) this.announce(stage);
  }

  /** Say `message` (a sentence checkers gave) to screen readers. */
  announceText(message) {
    this.$.announce.textContent = "";
    // A fresh text node so the same message is announced again.
    requestAnimationFrame(() => {
      this.$.announce.textContent = message;
    });
  }

  onContinue() {
    if (this.root.dataset.state !== "ready") {
      this.$.continue.setAttribute("aria-describedby", `${this.root.id}-status`);
      this.announce("waiting");
    }
    this.check({ goTo: "form", focus: true });
  }

  onCreate() {
    const result = this.result;
    if (!result) return;
    if (!result.complete) {
      this.renderNumbers(result, { showError: true });
      this.$.numbersError.focus();
      return;
    }
    this.renderFinal(result);
    this.show("final");
    this.announce("final");
  }

  onKeep() {
    this.keep = this.$.keep.checked ? (this.result?.unsendable ?? []).map((number) => number.number) : [];
    this.save();
    this.check({ goTo: "keep", focus: false });
  }

  onSent() {
    this.sent = true;
    this.$.next.hidden = false;
    this.save();
  }

  // --- forgetting ---

  /** Forget every answer, here and in every other builder on the page, and every stored key. */
  forget() {
    forgetSession();
    for (const box of document.querySelectorAll(".task-list-control input[type='checkbox'][data-tick]")) box.checked = false;
    for (const controller of liveControllers()) controller.reset();
    this.$.formTitle.focus();
    this.announce("forgotten");
  }

  reset() {
    this.touched = new Set();
    for (const field of this.fields) field.clear();
    this.keep = [];
    this.sent = false;
    this.result = null;
    this.resultFor = null;
    this.pendingCheck = null;
    this.$.text.textContent = "";
    this.$.summary.replaceChildren();
    this.$.numbers.hidden = true;
    this.$.next.hidden = true;
    this.clearMessages();
    this.$.confirm.hidden = true;
    this.stage = "form";
    this.$.form.hidden = false;
    this.$.review.hidden = true;
    this.$.final.hidden = true;
    this.root.dataset.stage = "form";
    this.$.unsaved.hidden = true;
  }

  // --- wiring ---

  onEdit(event) {
    const node = event.target.closest?.("[data-field]");
    const field = node && this.field(node.dataset.field);
    if (!field) return;
    if (event.target.matches?.("input[data-picker]")) {
      // The platform's date picker writes its value (ISO 8601) into the question's own box.
      if (event.type !== "change" || !event.target.value) return;
      field.value = event.target.value;
    }
    this.touched.add(field.id);
    this.save();
    if (field.common) for (const other of liveControllers()) if (other !== this) other.applyCommon();
    const phone = field.type.startsWith("phone");
    if (phone && event.type === "change" && !field.isEmpty() && !this.pendingCheck) {
      this.check({ goTo: "warnings", focus: false });
    } else if (phone && field.isEmpty()) {
      field.showWarnings([]);
    }
  }

  mount() {
    this.$.tzName.textContent = zoneName() || localIso().slice(19);
    this.restore();
    controllers.add(this);

    this.$.open.addEventListener("click", () => this.toggle(!this.opened));
    this.$.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.onContinue();
    });
    this.$.form.addEventListener("input", (event) => this.onEdit(event));
    this.$.form.addEventListener("change", (event) => this.onEdit(event));
    this.$.create.addEventListener("click", () => this.onCreate());
    this.$.keep.addEventListener("change", () => this.onKeep());
    this.$.back.addEventListener("click", () => this.show("review"));
    const { copy: copyLabel, download: downloadLabel } = this.$.output.dataset;
    const [copy, copied] = copyButton(() => this.$.text.textContent, { label: copyLabel });
    copy.addEventListener("click", () => this.onSent());
    const download = h("button", { type: "button", class: "md-button" }, downloadLabel);
    download.addEventListener("click", () => {
      saveFile(reportFilename(this.kind), this.$.text.textContent);
      this.onSent();
    });
    this.$.output.append(copy, " ", download, copied);
    this.$.forget.addEventListener("click", () => {
      this.$.confirm.hidden = false;
      this.$.confirmText.focus();
    });
    this.$.forgetNo.addEventListener("click", () => {
      this.$.confirm.hidden = true;
      this.$.forget.focus();
    });
    this.$.forgetYes.addEventListener("click", () => this.forget());
    this.runPending();
  }
}

// A ticked "Done:" box on this page reaches the widgets at once (guide-ticks.js has
// already stored it: its listener is on the box, this one on the document).
document.addEventListener("change", (event) => {
  if (!event.target?.matches?.(".task-list-control input[type='checkbox']")) return;
  for (const controller of liveControllers()) {
    controller.prefill();
    controller.answersChanged();
  }
});

defineWidget("report-builder", { setup: (ctx) => new ReportBuilder(ctx).mount() });
