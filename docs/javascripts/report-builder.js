// The report builder widget: mounts on every [data-widget="report-builder"] that the
// report_builder(kind) macro writes (two may share a page), on the first page and after each
// instant navigation. Three stages, as GOV.UK forms: the form ("Continue"), "Check your
// answers" (every question, "Not provided" for skipped ones, a Change link each) and the
// finished report with Copy and Download buttons.
//
// checkers decides everything about the answers (op "build_report" in the Python worker):
// what is missing or wrong, the number warnings, the report's text. This script only
// collects the answers and shows checkers' result, always with textContent.
//
// The draft lives in sessionStorage (the key contract is in widget-kit.js):
//   "sms-help.report.<kind>"  { answers, touched, stage, result, resultFor } for that kind;
//   "sms-help.report.common"  { answers, touched } for the questions every report asks,
//                             shared by every kind so the reader answers them once.
// "steps already tried" is pre-filled from "sms-help.steps-done" (guide-ticks.js) and the
// scope questions from "sms-help.triage" (triage.js) until the reader changes them.

import { bindStatus, copyButton, downloadButton, el, loadRuntime, mountWidgets, readSession, showFailure, writeSession } from "./widget-kit.js";

const WHAT = "report builder";
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

function draftKey(kind) {
  return `sms-help.report.${kind}`;
}

function readObject(key) {
  const value = readSession(key, null);
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function readList(key) {
  const value = readSession(key, []);
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

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

function onFollow(link, action) {
  link[FOLLOW] = action;
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
    this.label = node.dataset.label || this.id;
    this.common = node.dataset.common === "true";
    this.controlId = node.dataset.control;
    this.inputs = [...node.querySelectorAll("input, textarea")];
    this.error = node.querySelector(".report-builder__error");
    this.warning = node.querySelector(".report-builder__warning");
    this.describers = (this.describedElement().getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  }

  /** The element that carries aria-describedby: the fieldset of a group, else the control. */
  describedElement() {
    return this.type === "choice" || this.type === "steps" ? this.node : this.inputs[0];
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

  isEmpty() {
    const value = this.value;
    return Array.isArray(value) ? value.length === 0 : value === "";
  }

  /** The control to focus: the checked option of a group, else its first one. */
  focusTarget() {
    return this.inputs.find((input) => input.checked) ?? this.inputs[0];
  }

  focus() {
    const target = this.focusTarget();
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
    this.error.replaceChildren();
    this.node.classList.toggle("report-builder__field--error", Boolean(message));
    this.error.hidden = !message;
    if (message) this.error.append(el("strong", null, "Error: "), document.createTextNode(message));
    const invalid = Boolean(message);
    for (const input of this.type === "choice" || this.type === "steps" ? [] : this.inputs) {
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    this.describe();
  }

  showWarnings(messages) {
    this.warning.replaceChildren();
    this.warning.hidden = !messages.length;
    if (messages.length) {
      this.warning.append(el("p", "report-builder__warning-title", "Check these numbers before you send the report:"));
      const list = el("ul");
      for (const message of messages) {
        const item = el("li");
        item.append(el("strong", null, "Warning: "), document.createTextNode(message));
        list.append(item);
      }
      this.warning.append(list);
    }
    this.describe();
  }
}

/** checkers' number problems for one phone_list field of a result (as in number_warnings). */
function numberWarnings(resultField) {
  const out = [];
  for (const entry of resultField?.phones ?? []) {
    for (const problem of entry.check?.problems ?? []) {
      if (problem.severity === "error") out.push(`${entry.name || entry.number}: ${problem.message}`);
    }
  }
  return out;
}

// --- the widget --------------------------------------------------------------------------

class ReportBuilder {
  constructor(root) {
    this.root = root;
    this.kind = root.dataset.kind;
    this.region = root.dataset.defaultRegion || "GB";
    this.channelName = root.dataset.channelName || "";
    const q = (selector) => root.querySelector(selector);
    this.parts = {
      root,
      statusText: q(".report-builder__status-text"),
      retry: q(".report-builder__retry"),
    };
    this.fallback = q(".report-builder__fallback");
    this.body = q(".report-builder__body");
    this.announcer = q(".report-builder__announce");
    this.form = q(".report-builder__form");
    this.formTitle = q(".report-builder__form .report-builder__stage-title");
    this.errorSummary = q(".report-builder__error-summary");
    this.errorList = q(".report-builder__error-list");
    this.tz = q(".report-builder__tz");
    this.continueButton = q(".report-builder__continue");
    this.review = q(".report-builder__review");
    this.reviewTitle = q(".report-builder__review .report-builder__stage-title");
    this.reviewWarnings = q(".report-builder__review-warnings");
    this.summary = q(".report-builder__summary");
    this.createButton = q(".report-builder__create");
    this.final = q(".report-builder__final");
    this.finalTitle = q(".report-builder__final .report-builder__stage-title");
    this.text = q(".report-builder__text");
    this.output = q(".report-builder__output");
    this.backButton = q(".report-builder__back");
    this.forgetButton = q(".report-builder__forget");
    this.confirm = q(".report-builder__confirm");
    this.confirmText = this.confirm.querySelector("[tabindex]");
    this.fields = [...root.querySelectorAll("[data-field]")].map((node) => new FormField(node));
    this.stage = "form";
    this.result = null; // checkers' last complete result for the current answers
    this.resultFor = null; // the request that result answers (see fingerprint())
    this.runtime = null;
    this.checking = false;
    this.pendingCheck = null; // a Continue (or a restore) waiting for Python
  }

  field(id) {
    return this.fields.find((field) => field.id === id);
  }

  // --- answers and the draft ---

  answers() {
    const answers = {};
    for (const field of this.fields) answers[field.id] = field.value;
    return answers;
  }

  request() {
    return { kind: this.kind, answers: { ...this.answers(), timezone: timezoneAnswer() }, default_region: this.region };
  }

  fingerprint(request = this.request()) {
    return JSON.stringify(request);
  }

  save({ common: saveCommon = true } = {}) {
    const own = readObject(draftKey(this.kind));
    const ownTouched = new Set(Array.isArray(own.touched) ? own.touched : []);
    const common = readObject(COMMON_KEY);
    const commonTouched = new Set(Array.isArray(common.touched) ? common.touched : []);
    const ownAnswers = {};
    const commonAnswers = { ...(common.answers && typeof common.answers === "object" ? common.answers : {}) };
    for (const field of this.fields) {
      if (field.common) commonAnswers[field.id] = field.value;
      else ownAnswers[field.id] = field.value;
      const touched = this.touched.has(field.id);
      const set = field.common ? commonTouched : ownTouched;
      if (touched) set.add(field.id);
    }
    const keep = this.stage !== "form" && this.result && this.resultFor === this.fingerprint();
    writeSession(draftKey(this.kind), {
      answers: ownAnswers,
      touched: [...ownTouched],
      stage: this.stage,
      result: keep ? this.result : null,
      resultFor: keep ? this.resultFor : null,
    });
    if (saveCommon) writeSession(COMMON_KEY, { answers: commonAnswers, touched: [...commonTouched] });
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
      this.pendingCheck = { goTo: stage, focus: false };
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
      field.value = answers[field.id] ?? (field.type === "steps" ? [] : "");
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
    if (this.stage !== "form" && this.resultFor !== this.fingerprint()) {
      this.pendingCheck = { goTo: this.stage, focus: false };
      this.runPending();
    }
  }

  // --- stages ---

  show(stage, { focus = true } = {}) {
    this.stage = stage;
    this.form.hidden = stage !== "form";
    this.review.hidden = stage !== "review";
    this.final.hidden = stage !== "final";
    this.root.dataset.stage = stage;
    if (focus) {
      const title = { form: this.formTitle, review: this.reviewTitle, final: this.finalTitle }[stage];
      title.focus();
      title.scrollIntoView?.({ block: "start" });
    }
    this.save();
  }

  announce(message) {
    this.announcer.textContent = "";
    // A fresh text node so the same message is announced again.
    requestAnimationFrame(() => {
      this.announcer.textContent = message;
    });
  }

  clearMessages() {
    for (const field of this.fields) {
      field.showError("");
      field.showWarnings([]);
    }
    this.errorList.replaceChildren();
    this.errorSummary.hidden = true;
  }

  /** checkers' missing and invalid answers: the error summary and each field's message. */
  renderErrors(result) {
    this.errorList.replaceChildren();
    let count = 0;
    for (const resultField of result.fields ?? []) {
      const field = this.field(resultField.id);
      let message = "";
      if (resultField.problem) message = resultField.problem;
      else if (resultField.required && !resultField.answered) message = "Answer this question: it is required.";
      field?.showError(message);
      field?.showWarnings(field.type === "phone_list" ? numberWarnings(resultField) : []);
      if (!message) continue;
      count += 1;
      const item = el("li");
      const link = el("a", null, `${resultField.label}: ${message}`);
      link.href = `#${field ? field.controlId : ""}`;
      onFollow(link, () => field?.focus());
      item.append(link);
      this.errorList.append(item);
    }
    this.errorSummary.hidden = count === 0;
    return count;
  }

  /** The error summary with one message that no field owns (checkers refused the request). */
  renderRequestError(message) {
    this.errorList.replaceChildren(el("li", null, message));
    this.errorSummary.hidden = false;
    this.errorSummary.focus();
  }

  renderReview(result) {
    this.summary.replaceChildren();
    for (const resultField of result.fields ?? []) {
      const field = this.field(resultField.id);
      const row = el("div", "report-builder__row");
      row.dataset.field = resultField.id;
      const value = el("dd", "report-builder__value");
      const lines = Array.isArray(resultField.lines) ? resultField.lines : [];
      if (!resultField.value) {
        value.classList.add("report-builder__value--missing");
        value.textContent = "Not provided";
      } else if (lines.length > 1) {
        const list = el("ul");
        for (const line of lines) list.append(el("li", null, line));
        value.append(list);
      } else {
        value.textContent = lines[0] ?? resultField.value;
      }
      const actions = el("dd", "report-builder__change");
      const link = el("a", null, "Change");
      link.href = `#${field ? field.controlId : ""}`;
      link.append(el("span", "report-builder__visually-hidden", ` your answer to: ${resultField.label}`));
      onFollow(link, () => {
        this.show("form", { focus: false });
        field?.focus();
      });
      actions.append(link);
      row.append(el("dt", "report-builder__question", resultField.label), value, actions);
      this.summary.append(row);
    }
    const warnings = Array.isArray(result.number_warnings) ? result.number_warnings : [];
    this.reviewWarnings.replaceChildren();
    this.reviewWarnings.hidden = warnings.length === 0;
    if (warnings.length) {
      this.reviewWarnings.append(el("p", "report-builder__warning-title", "Check these numbers before you send the report:"));
      const list = el("ul");
      for (const warning of warnings) {
        const item = el("li");
        item.append(el("strong", null, "Warning: "), document.createTextNode(warning));
        list.append(item);
      }
      this.reviewWarnings.append(list);
    }
  }

  renderFinal(result) {
    this.text.value = result.text ?? "";
    this.text.rows = Math.min(24, Math.max(6, this.text.value.split("\n").length + 1));
  }

  // --- checking the answers with checkers ---

  async runPending() {
    if (!this.pendingCheck || this.checking || !this.runtime) return;
    const { goTo, focus } = this.pendingCheck;
    this.pendingCheck = null;
    this.checking = true;
    this.root.setAttribute("aria-busy", "true");
    const request = this.request();
    let result;
    try {
      result = await this.runtime.callPython("build_report", request);
    } catch (error) {
      if (error?.kind === "runtime" && this.runtime.getStatus().state !== "error") {
        this.pendingCheck = { goTo, focus }; // Python was restarted under this call: ask again
      } else if (error?.kind === "runtime") {
        this.pendingCheck = { goTo, focus }; // asked again after Retry
        showFailure(this.parts, this.runtime.getStatus().error || error.message, WHAT);
      } else {
        this.show("form", { focus: false });
        this.renderRequestError(error?.message || String(error));
      }
      return;
    } finally {
      this.checking = false;
      this.root.removeAttribute("aria-busy");
      this.continueButton.removeAttribute("aria-describedby");
    }
    if (this.pendingCheck) {
      this.runPending(); // the answers changed while checkers worked: the newer request wins
      return;
    }
    if (this.fingerprint() !== this.fingerprint(request)) {
      this.pendingCheck = { goTo, focus };
      this.runPending();
      return;
    }
    this.afterCheck(result, request, goTo, focus);
  }

  afterCheck(result, request, goTo, focus) {
    if (goTo === "warnings") {
      // Only the number warnings of the phone lists, as the reader leaves one.
      for (const resultField of result.fields ?? []) {
        const field = this.field(resultField.id);
        if (field?.type === "phone_list") field.showWarnings(numberWarnings(resultField));
      }
      return;
    }
    const errors = this.renderErrors(result);
    if (!result.complete || errors) {
      this.result = null;
      this.resultFor = null;
      if (this.stage !== "form") this.show("form", { focus: false });
      if (focus || goTo === "form") this.errorSummary.focus();
      this.announce(`There ${errors === 1 ? "is 1 problem" : `are ${errors} problems`} with your answers.`);
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
    this.pendingCheck = { goTo: "form", focus: true };
    if (!this.runtime || this.runtime.getStatus().state !== "ready") {
      this.continueButton.setAttribute("aria-describedby", this.parts.statusText.parentElement.id);
      this.announce("Your answers will be checked as soon as the report builder has loaded.");
    }
    this.runPending();
  }

  // --- forgetting ---

  forget() {
    writeSession(draftKey(this.kind), null);
    writeSession(COMMON_KEY, null);
    this.touched = new Set();
    for (const field of this.fields) field.value = field.type === "steps" ? [] : "";
    this.result = null;
    this.resultFor = null;
    this.pendingCheck = null;
    this.text.value = "";
    this.summary.replaceChildren();
    this.clearMessages();
    this.confirm.hidden = true;
    this.show("form", { focus: false });
    writeSession(draftKey(this.kind), null); // show() saved the empty form: nothing is kept
    writeSession(COMMON_KEY, null);
    for (const other of liveControllers()) if (other !== this) other.forgetCommon();
    this.formTitle.focus();
    this.announce("Your answers have been forgotten.");
  }

  forgetCommon() {
    for (const field of this.fields) {
      if (!field.common) continue;
      this.touched.delete(field.id);
      field.value = field.type === "steps" ? [] : "";
    }
    const own = readObject(draftKey(this.kind));
    if (Object.keys(own).length) this.save({ common: false }); // the shared answers stay forgotten
    this.answersChanged();
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
      this.pendingCheck = { goTo: "warnings", focus: false };
      this.runPending();
    } else if (field.type === "phone_list" && field.isEmpty()) {
      field.showWarnings([]);
    }
  }

  async mount() {
    this.fallback.hidden = true;
    this.body.hidden = false;
    for (const field of this.fields) for (const input of field.inputs) input.disabled = false;
    this.continueButton.disabled = false;
    this.forgetButton.disabled = false;
    const zone = timezoneAnswer();
    this.tz.textContent = `Dates and times are read in your time zone: ${zone}.`;
    this.restore();
    controllers.add(this);

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.onContinue();
    });
    this.form.addEventListener("input", (event) => this.onEdit(event));
    this.form.addEventListener("change", (event) => this.onEdit(event));
    this.createButton.addEventListener("click", () => {
      if (!this.result) return;
      this.renderFinal(this.result);
      this.show("final");
      this.announce("Your report is ready.");
    });
    this.backButton.addEventListener("click", () => this.show("review"));
    const [copy, copied] = copyButton(() => this.text.value, { label: "Copy report", className: "report-builder__copy" });
    const download = downloadButton(() => reportFilename(this.kind), () => this.text.value, {
      label: "Download (.txt)",
      className: "report-builder__download",
    });
    this.output.append(copy, " ", download, copied);
    this.forgetButton.addEventListener("click", () => {
      this.confirm.hidden = false;
      this.confirmText.focus();
    });
    this.confirm.querySelector(".report-builder__forget-no").addEventListener("click", () => {
      this.confirm.hidden = true;
      this.forgetButton.focus();
    });
    this.confirm.querySelector(".report-builder__forget-yes").addEventListener("click", () => this.forget());

    this.parts.statusText.textContent = `Loading the ${WHAT}…`;
    try {
      this.runtime = await loadRuntime();
    } catch (error) {
      showFailure(this.parts, error?.message || String(error), WHAT);
      this.parts.retry.addEventListener("click", () => window.location.reload(), { once: true });
      return;
    }
    bindStatus(this.runtime, this.parts, { what: WHAT });
    this.parts.retry.addEventListener("click", () => {
      this.runtime.retry();
      this.runPending();
    });
    this.runtime.warmPython();
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

mountWidgets('[data-widget="report-builder"]', (root) => new ReportBuilder(root).mount());
