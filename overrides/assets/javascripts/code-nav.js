// Material (9.8, content.code.copy) wraps each code block's Copy button in an unnamed
// <nav class="md-code__nav">, which its JavaScript adds to the page. A page with two code
// blocks then has landmarks nobody can tell apart (axe-core: landmark-unique), and a Copy
// button is not site navigation: take the landmark role away. The buttons keep their names.

const SELECTOR = "nav.md-code__nav:not([role])";

function unlandmark(root) {
  if (root.matches?.(SELECTOR)) root.setAttribute("role", "none");
  for (const nav of root.querySelectorAll?.(SELECTOR) ?? []) nav.setAttribute("role", "none");
}

new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) unlandmark(node);
}).observe(document.body, { childList: true, subtree: true });
unlandmark(document);
