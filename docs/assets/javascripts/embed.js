/* Tell the parent page how tall this embedded answer is, so its iframe can fit it.
   The id is the one in this page's address (an old, retired id stays the id the clinic's
   frame uses); the height is the content's own height, so a frame can shrink as well as grow. */
(function () {
  "use strict";
  var fromPath = /\/embed\/faq\/([^\/]+)\/?/.exec(window.location.pathname);
  var id = fromPath ? decodeURIComponent(fromPath[1]) : document.documentElement.getAttribute("data-faq-id");
  var content = document.querySelector("main") || document.body;
  var last = 0;
  function height() {
    var style = window.getComputedStyle(document.body);
    var bottom = content.getBoundingClientRect().bottom + window.pageYOffset;
    return Math.ceil(bottom + parseFloat(style.marginBottom || "0") + parseFloat(style.paddingBottom || "0"));
  }
  function send() {
    var h = height();
    if (h === last) return;
    last = h;
    if (window.parent && window.parent !== window) {
      window.parent.postMessage({ type: "mng-faq-embed", id: id, height: h }, "*");
    }
  }
  window.addEventListener("load", send);
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "mng-faq-embed-ping") { last = 0; send(); }
  });
  window.addEventListener("resize", send);
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(content);
  send();
})();
