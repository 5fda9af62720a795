/* Tell the parent page how tall this embedded answer is, so its iframe can fit it. */
(function () {
  "use strict";
  var id = document.documentElement.getAttribute("data-faq-id");
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    if (window.parent && window.parent !== window) {
      window.parent.postMessage({ type: "mng-faq-embed", id: id, height: height }, "*");
    }
  }
  window.addEventListener("load", send);
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "mng-faq-embed-ping") { last = 0; send(); }
  });
  window.addEventListener("resize", send);
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(document.body);
  send();
})();
