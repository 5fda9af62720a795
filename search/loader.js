/*
 * Search, on the page's side: tells the search worker to fetch its index as soon as the
 * reader opens or focuses the search box (the worker waits until then), and shows the
 * worker's line in place of Material's result count: "no close match", or a link: to the page
 * on when to get medical help when the reader reports a warning sign after treatment, or to
 * the same search on the pages of the other language the reader seems to write in.
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
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  new MutationObserver(function () {
    var first = list.firstElementChild;
    var note = first && first.querySelector(".mng-search-fallback, .mng-search-help, .mng-search-lang");
    if (!note) return;
    meta.textContent = note.getAttribute("data-message");
    if (note.hasAttribute("data-page")) {
      var link = document.createElement("a");
      link.className = note.classList.contains("mng-search-help") ? "mng-search-help-link" : "mng-search-lang-link";
      link.href = new URL(base.replace(/\/?$/, "/") + note.getAttribute("data-page"), location.href).href;
      link.textContent = meta.textContent;
      meta.textContent = "";
      meta.appendChild(link);
    }
  }).observe(list, { childList: true });
})();
