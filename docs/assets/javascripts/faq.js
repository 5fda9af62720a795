/* Copy-link buttons on FAQ questions (also after Material's instant navigation, if it is turned on). */
(function () {
  "use strict";

  /* The button's words in each language of data/languages.yml (the page's <html lang>); English otherwise. */
  var WORDS = {
    en: {copy: "Copy link", copied: "Link copied", label: "Copy link to the question: ", done: "Link copied: ",
         failed: "Could not copy. The link is ", fallback: "this question"},
    es: {copy: "Copiar enlace", copied: "Enlace copiado", label: "Copiar el enlace a la pregunta: ",
         done: "Enlace copiado: ", failed: "No se pudo copiar. El enlace es ", fallback: "esta pregunta"}
  };

  function announce(region, message) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "mng-offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setup() {
    var headings = document.querySelectorAll("h2.mng-faq-q[data-faq-url]");
    if (!headings.length) return;
    var words = WORDS[document.documentElement.lang] || WORDS.en;
    var region = document.getElementById("mng-copy-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "mng-copy-status";
      region.className = "mng-offscreen";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    headings.forEach(function (heading) {
      var slot = heading.nextElementSibling; /* div.mng-copy-slot, from hooks/faq_pages.py */
      if (!slot || !slot.classList.contains("mng-copy-slot") || slot.querySelector(".mng-copy-link")) return;
      var url = heading.getAttribute("data-faq-url");
      var question = heading.firstChild ? heading.firstChild.textContent.trim() : words.fallback;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mng-copy-link";
      button.textContent = words.copy;
      button.setAttribute("aria-label", words.label + question);
      button.setAttribute("data-url", url);
      button.addEventListener("click", function () {
        copy(url).then(function () {
          button.textContent = words.copied;
          announce(region, words.done + url);
          window.setTimeout(function () { button.textContent = words.copy; }, 2500);
        }, function () {
          announce(region, words.failed + url);
        });
      });
      slot.appendChild(button);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
