/*
 * Search, on the page's side: tells the search worker to fetch its index as soon as the
 * reader opens or focuses the search box (the worker waits until then), and shows the
 * worker's "no close match" message in place of Material's result count.
 */
(function () {
  "use strict";
  var channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("mng-search") : null;
  var asked = false;
  function warm() {
    if (asked || !channel) return;
    asked = true;
    channel.postMessage("load");
  }
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-md-component=search-query]")) warm();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) warm();
  });
  document.addEventListener("keydown", function (event) {
    /* Material's search shortcuts, pressed outside a form field */
    var field = event.target && event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!field && (event.key === "/" || event.key === "s" || event.key === "f")) warm();
  });
  if (/[?&]q=/.test(location.search)) warm();

  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  if (!list || !meta) return;
  new MutationObserver(function () {
    var note = list.querySelector(".mng-search-fallback");
    if (note && list.firstElementChild && list.firstElementChild.contains(note))
      meta.textContent = note.getAttribute("data-message");
  }).observe(list, { childList: true });
})();
