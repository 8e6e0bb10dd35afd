// The report builder widget (report_builder(kind) macro; two may share a page). Three stages,
// as GOV.UK forms: the form ("Continue"), "Check your answers" (every question, "Not
// provided" for skipped ones, a Change link each) and the finished report with Copy and
// Download. Life cycle: widget-kit.js.
//
// checkers decides everything about the answers (op "build_report"): what is missing or
// wrong and why, the numbers that can never receive SMS, the report's text. This script only
// collects the answers and shows checkers' result.
//
// The draft lives in sessionStorage (the key contract is in widget-kit.js):
//   "sms-help.report.<kind>"  { answers, touched, stage, result, resultFor } for that kind;
//   "sms-help.report.common"  { answers, touched } for the questions every report asks,
//                             shared by every kind so the reader answers them once.
// "steps already tried" is pre-filled from "sms-help.steps-done" (guide-ticks.js) and the
// scope questions from "sms-help.triage" (triage.js) until the reader changes them.

import { copyButton, defineWidget, forgetSession, h, readList, readObject, saveFile, writeSession } from "./widget-kit.js";

const COMMON_KEY = "sms-help.report.common";
const STEPS_DONE = "sms-help.steps-done";
const TRIAGE = "sms-help.triage";
const FROM_TRIAGE = ["users_affected", "applicants_affected"];
const STAGES = ["form", "review", "final"];

/** Every mounted widget's controller, so widgets on one page keep their shared answers in step. */
const controllers = new Set();

function liveControllers() {
  for (const controller of controllers) if (!controller.root.isConnected) controllers.delete(controller);
  return [...controllers];
}

const draftKey = (kind) => `sms-help.report.${kind}`;
const pad = (number) => String(number).padStart(2, "0");

/** The reader's time zone as checkers reads it: "+00:00 (Europe/London)". */
export function timezoneAnswer(now = new Date()) {
  const minutes = -now.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  let name = "";
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    name = "";
  }
  return name ? `${offset} (${name})` : offset;
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

/** "Warning: …" items under a title, for numbers that can never receive SMS. */
function warningList(messages) {
  return [
    h("p", { class: "report-builder__warning-title" }, "Check these numbers before you send the report:"),
    h("ul", {}, messages.map((message) => h("li", {}, h("strong", {}, "Warning: "), message))),
  ];
}

// --- one field of the form ---------------------------------------------------------------

class FormField {
  constructor(node) {
    this.node = node;
    this.id = node.dataset.field;
    this.type = node.dataset.type;
    this.common = node.dataset.common === "true";
    this.controlId = node.dataset.control;
    this.inputs = [...node.querySelectorAll("input, textarea")];
    this.error = node.querySelector('[data-part="field-error"]');
    this.warning = node.querySelector('[data-part="field-warning"]');
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
      const chosen = new Set(Array.isArray(value) ? value : []);
      for (const input of this.inputs) input.checked = chosen.has(input.value);
    } else {
      this.inputs[0].value = typeof value === "string" ? value : "";
    }
  }

  clear() {
    this.value = this.type === "steps" ? [] : "";
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
    if (!this.warning.hidden) ids.push(this.warning.id);
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

  showWarnings(messages = []) {
    this.warning.hidden = messages.length === 0;
    this.warning.replaceChildren(...(messages.length ? warningList(messages) : []));
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
    this.$ = {}; // the widget's parts, by camel-cased data-part name
    for (const name of [
      "announce", "unsaved", "form", "form-title", "errors", "error-list", "tz", "continue", "review", "review-title",
      "review-warnings", "cleaned", "summary", "create", "final", "final-title", "text", "output", "back", "forget",
      "confirm", "confirm-text", "forget-yes", "forget-no",
    ]) {
      this.$[name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())] = ctx.part(name);
    }
    this.fields = [...this.root.querySelectorAll("[data-field]")].map((node) => new FormField(node));
    this.stage = "form";
    this.touched = new Set();
    this.result = null; // checkers' last complete result for the current answers
    this.resultFor = null; // the request that result answers (see fingerprint())
    this.checking = false;
    this.pendingCheck = null; // a Continue (or a restore) waiting for Python
  }

  field(id) {
    return this.fields.find((field) => field.id === id);
  }

  // --- answers and the draft ---

  request() {
    const answers = Object.fromEntries(this.fields.map((field) => [field.id, field.value]));
    return { kind: this.kind, answers: { ...answers, timezone: timezoneAnswer() }, default_region: this.region };
  }

  fingerprint(request = this.request()) {
    return JSON.stringify(request);
  }

  save({ common: saveCommon = true } = {}) {
    const own = readObject(draftKey(this.kind));
    const common = readObject(COMMON_KEY);
    const ownTouched = new Set(Array.isArray(own.touched) ? own.touched : []);
    const commonTouched = new Set(Array.isArray(common.touched) ? common.touched : []);
    const ownAnswers = {};
    const commonAnswers = { ...(common.answers && typeof common.answers === "object" ? common.answers : {}) };
    for (const field of this.fields) {
      (field.common ? commonAnswers : ownAnswers)[field.id] = field.value;
      if (this.touched.has(field.id)) (field.common ? commonTouched : ownTouched).add(field.id);
    }
    const keep = this.stage !== "form" && this.result && this.resultFor === this.fingerprint();
    let saved = writeSession(draftKey(this.kind), {
      answers: ownAnswers,
      touched: [...ownTouched],
      stage: this.stage,
      result: keep ? this.result : null,
      resultFor: keep ? this.resultFor : null,
    });
    if (saveCommon) saved = writeSession(COMMON_KEY, { answers: commonAnswers, touched: [...commonTouched] }) && saved;
    this.$.unsaved.hidden = saved;
  }

  restore() {
    const own = readObject(draftKey(this.kind));
    const common = readObject(COMMON_KEY);
    const ownAnswers = own.answers && typeof own.answers === "object" ? own.answers : {};
    const commonAnswers = common.answers && typeof common.answers === "object" ? common.answers : {};
    this.touched = new Set([
      ...(Array.isArray(own.touched) ? own.touched : []),
      ...(Array.isArray(common.touched) ? common.touched : []),
    ]);
    for (const field of this.fields) {
      const stored = (field.common ? commonAnswers : ownAnswers)[field.id];
      if (stored !== undefined) field.value = stored;
    }
    this.prefill();
    const stage = STAGES.includes(own.stage) ? own.stage : "form";
    if (stage !== "form" && own.result && own.resultFor === this.fingerprint() && own.result.complete) {
      this.result = own.result;
      this.resultFor = own.resultFor;
      this.renderReview(this.result);
      if (stage === "final") this.renderFinal(this.result);
      this.show(stage, { focus: false });
    } else if (stage !== "form") {
      // The answers changed since (new ticks, shared answers): ask checkers again.
      this.check({ goTo: stage, focus: false });
    }
  }

  /** Apply the shared answers another widget on this page saved. */
  applyCommon() {
    const common = readObject(COMMON_KEY);
    const answers = common.answers && typeof common.answers === "object" ? common.answers : {};
    const touched = new Set(Array.isArray(common.touched) ? common.touched : []);
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

  // --- stages ---

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

  announce(message) {
    this.$.announce.textContent = "";
    // A fresh text node so the same message is announced again.
    requestAnimationFrame(() => {
      this.$.announce.textContent = message;
    });
  }

  clearMessages() {
    for (const field of this.fields) {
      field.showError("");
      field.showWarnings([]);
    }
    this.$.errorList.replaceChildren();
    this.$.errors.hidden = true;
  }

  /** checkers' missing and invalid answers: the error summary and each field's message. */
  renderErrors(result) {
    const items = [];
    for (const resultField of result.fields) {
      const field = this.field(resultField.id);
      field?.showError(resultField.error ?? "");
      field?.showWarnings(resultField.warnings);
      if (!resultField.error) continue;
      const link = followLink(`${resultField.label}: ${resultField.error}`, `#${field?.controlId ?? ""}`, () => field?.focus());
      items.push(h("li", {}, link));
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

  renderReview(result) {
    const rows = result.fields.map((resultField) => {
      const field = this.field(resultField.id);
      let value;
      if (!resultField.value) value = h("dd", { class: "report-builder__value report-builder__value--missing" }, "Not provided");
      else if (resultField.lines.length > 1) value = h("dd", { class: "report-builder__value" }, h("ul", {}, resultField.lines.map((line) => h("li", {}, line))));
      else value = h("dd", { class: "report-builder__value" }, resultField.lines[0] ?? resultField.value);
      const change = followLink(
        "Change",
        `#${field?.controlId ?? ""}`,
        () => {
          this.show("form", { focus: false });
          field?.focus();
        },
        h("span", { class: "sms-widget__visually-hidden" }, ` your answer to: ${resultField.label}`),
      );
      return h(
        "div",
        { class: "report-builder__row", dataset: { field: resultField.id } },
        h("dt", { class: "report-builder__question" }, resultField.label),
        value,
        h("dd", { class: "report-builder__change" }, change),
      );
    });
    this.$.summary.replaceChildren(...rows);
    this.$.reviewWarnings.hidden = result.number_warnings.length === 0;
    this.$.reviewWarnings.replaceChildren(...(result.number_warnings.length ? warningList(result.number_warnings) : []));
    this.$.cleaned.hidden = !result.cleaned;
    this.$.cleaned.textContent = result.cleaned ?? "";
  }

  renderFinal(result) {
    this.$.text.textContent = result.text ?? "";
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
    if (this.pendingCheck || this.fingerprint() !== this.fingerprint(request)) {
      this.pendingCheck ??= { goTo, focus }; // the answers changed while checkers worked: ask again
      this.runPending();
      return;
    }
    this.afterCheck(result, request, goTo, focus);
  }

  afterCheck(result, request, goTo, focus) {
    if (goTo === "warnings") {
      // Only the number warnings of the phone lists, as the reader leaves one.
      for (const resultField of result.fields) {
        const field = this.field(resultField.id);
        if (field?.type === "phone_list") field.showWarnings(resultField.warnings);
      }
      return;
    }
    const errors = this.renderErrors(result);
    if (!result.complete || errors) {
      this.result = null;
      this.resultFor = null;
      if (this.stage !== "form") this.show("form", { focus: false });
      if (focus || goTo === "form") this.$.errors.focus();
      if (result.problems) this.announce(result.problems);
      return;
    }
    this.result = result;
    this.resultFor = this.fingerprint(request);
    this.renderReview(result);
    this.renderFinal(result);
    const stage = goTo === "final" ? "final" : "review";
    this.show(stage, { focus });
    if (focus) this.announce(stage === "final" ? "Your report is ready." : "Check your answers.");
  }

  onContinue() {
    if (this.root.dataset.state !== "ready") {
      this.$.continue.setAttribute("aria-describedby", `${this.root.id}-status`);
      this.announce("Your answers will be checked as soon as the report builder is ready.");
    }
    this.check({ goTo: "form", focus: true });
  }

  // --- forgetting ---

  /** Forget every answer, here and in every other builder on the page, and every stored key. */
  forget() {
    forgetSession();
    for (const box of document.querySelectorAll(".task-list-control input[type='checkbox'][data-tick]")) box.checked = false;
    for (const controller of liveControllers()) controller.reset();
    this.$.formTitle.focus();
    this.announce("Your answers have been forgotten.");
  }

  reset() {
    this.touched = new Set();
    for (const field of this.fields) field.clear();
    this.result = null;
    this.resultFor = null;
    this.pendingCheck = null;
    this.$.text.textContent = "";
    this.$.summary.replaceChildren();
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
    this.touched.add(field.id);
    this.save();
    if (field.common) for (const other of liveControllers()) if (other !== this) other.applyCommon();
    if (field.type === "phone_list" && event.type === "change" && !field.isEmpty() && !this.pendingCheck) {
      this.check({ goTo: "warnings", focus: false });
    } else if (field.type === "phone_list" && field.isEmpty()) {
      field.showWarnings([]);
    }
  }

  mount() {
    this.$.tz.textContent = `Dates and times are read in your time zone: ${timezoneAnswer()}.`;
    this.restore();
    controllers.add(this);

    this.$.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.onContinue();
    });
    this.$.form.addEventListener("input", (event) => this.onEdit(event));
    this.$.form.addEventListener("change", (event) => this.onEdit(event));
    this.$.create.addEventListener("click", () => {
      if (!this.result) return;
      this.renderFinal(this.result);
      this.show("final");
      this.announce("Your report is ready.");
    });
    this.$.back.addEventListener("click", () => this.show("review"));
    const [copy, copied] = copyButton(() => this.$.text.textContent, { label: "Copy report" });
    const download = h("button", { type: "button", class: "md-button" }, "Download (.txt)");
    download.addEventListener("click", () => saveFile(reportFilename(this.kind), this.$.text.textContent));
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
