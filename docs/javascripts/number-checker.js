// The number checker widget (number_checker() macro): the reader types a number and sees
// checkers' verdict on it (op "check_number") as they type. Life cycle: widget-kit.js.

import { copyButton, defineWidget, h, problemList } from "./widget-kit.js";

function render(box, result) {
  const verdict = h(
    "p",
    { class: "sms-widget__verdict", dataset: { part: "verdict", verdict: result.verdict_code, sendable: String(result.sendable) } },
    h("strong", {}, result.verdict),
  );
  const problems = result.problems.length ? problemList(result.problems, "number-checker__problems") : null;
  let store = null;
  if (result.e164 && result.sendable) {
    const [copy, note] = copyButton(result.e164, { ariaLabel: `Copy ${result.e164}` });
    store = h("p", { class: "number-checker__store", dataset: { part: "store" } }, "Store it as ", h("code", {}, result.e164), " ", copy, note);
  }
  box.replaceChildren(...[verdict, problems, store].filter(Boolean));
}

defineWidget("number-checker", {
  setup(ctx) {
    const input = ctx.part("input");
    const region = ctx.part("region");
    const box = ctx.part("result");
    const check = ctx.live({
      op: "check_number",
      request: () => (input.value.trim() ? { raw: input.value, default_region: region.value } : null),
      render: (result) => render(box, result),
      fail: (message) => box.replaceChildren(h("p", { class: "sms-widget__verdict", dataset: { part: "verdict" } }, h("strong", {}, "Error: "), message)),
      clear: () => box.replaceChildren(),
    });
    input.addEventListener("input", check);
    region.addEventListener("change", check);
    check();
  },
});
