// The number checker widget (number_checker() macro): the reader types a number and sees
// checkers' answer to "Will a text reach this number?" (op "check_number") as they type:
// the answer, the number to store once (with Copy), then only the points that matter.
// Life cycle: widget-kit.js.

import { answerBox, copyButton, defineWidget, h } from "./widget-kit.js";

function fixLine(result) {
  const [copy, note] = copyButton(result.fix, { ariaLabel: `Copy ${result.fix}` });
  return h(
    "p",
    { class: "number-checker__fix", dataset: { part: "fix" } },
    `${result.fix_label} `,
    h("code", { class: "sms-number" }, result.fix),
    " ",
    copy,
    note,
  );
}

function render(box, result, useRegion) {
  const children = [];
  if (result.fix) children.push(fixLine(result));
  if (result.points.length) {
    children.push(h("ul", { class: "number-checker__points", dataset: { part: "points" } }, result.points.map((point) => h("li", {}, point))));
  }
  if (result.elsewhere) {
    const use = h("button", { type: "button", class: "md-button", dataset: { part: "use-region" } }, result.elsewhere.choose);
    use.addEventListener("click", () => useRegion(result.elsewhere.region));
    children.push(h("p", {}, use));
  }
  const answer = answerBox(result, ...children);
  Object.assign(answer.dataset, { verdict: result.verdict_code, sendable: String(result.sendable) });
  box.replaceChildren(answer);
}

defineWidget("number-checker", {
  setup(ctx) {
    const input = ctx.part("input");
    const region = ctx.part("region");
    const box = ctx.part("result");
    const common = (ctx.root.dataset.commonRegions || "").split(" ").filter(Boolean);
    const check = ctx.live({
      op: "check_number",
      request: () =>
        input.value.trim()
          ? { raw: input.value, default_region: region.value, try_regions: common.filter((code) => code !== region.value) }
          : null,
      render: (result) =>
        render(box, result, (code) => {
          region.value = code;
          check();
          input.focus();
        }),
      fail: (message) => box.replaceChildren(answerBox({ answer: "no", headline: "The number could not be checked." }, h("p", {}, message))),
      clear: () => box.replaceChildren(),
    });
    input.addEventListener("input", check);
    region.addEventListener("change", check);
    check();
  },
});
