/* Handout builder (for-clinics page): show the ticked answers and the aftercare checklist
   on one printable sheet. The page address holds the choices (?answer=id&checklist=1), so
   a clinic can bookmark its usual handout. No cookies, no storage, nothing is sent. */
(function () {
  "use strict";
  var root = document.querySelector("[data-mng-handout]");
  if (!root) return;
  var form = root.querySelector("form");
  var sheet = root.querySelector("[data-handout-sheet]");
  var list = root.querySelector("[data-handout-items]");
  var templates = root.querySelector("[data-handout-templates]").content;
  var status = root.querySelector("[data-handout-status]");
  var printButton = root.querySelector("[data-handout-print]");
  var clearButton = root.querySelector("[data-handout-clear]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  /* The status line's words in each language of data/languages.yml (the page's <html lang>); English otherwise. */
  var WORDS = {
    en: {none: "Nothing is ticked, so there is no handout yet.", checklist: "the aftercare checklist",
         one: " answer", many: " answers", and: " and ", has: "The handout below has ",
         ready: ". Its address is now in your browser's address bar, ready to bookmark."},
    es: {none: "No hay nada marcado, así que todavía no hay folleto.", checklist: "la lista de cuidados posteriores",
         one: " respuesta", many: " respuestas", and: " y ", has: "El folleto de abajo tiene ",
         ready: ". Su dirección ya está en la barra de direcciones del navegador, lista para guardarla en sus marcadores."}
  };
  var words = WORDS[document.documentElement.lang] || WORDS.en;

  function idOf(box) {
    return box.name === "checklist" ? "checklist" : box.value;
  }

  /* Tick the boxes the address names (an old, retired id ticks the answer that replaced it). */
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var wanted = params.getAll("answer");
    boxes.forEach(function (box) {
      if (box.name === "checklist") {
        box.checked = params.get("checklist") === "1";
        return;
      }
      var aliases = (box.getAttribute("data-aliases") || "").split(" ");
      box.checked = wanted.some(function (id) { return id === box.value || aliases.indexOf(id) >= 0; });
    });
  }

  function writeAddress(ticked) {
    var params = new URLSearchParams();
    ticked.forEach(function (box) {
      if (box.name === "checklist") params.set("checklist", "1");
      else params.append("answer", box.value);
    });
    var query = params.toString();
    var hash = window.location.hash || "";
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + hash);
  }

  function describe(answers, checklist) {
    if (!answers && !checklist) return words.none;
    var parts = [];
    if (checklist) parts.push(words.checklist);
    if (answers) parts.push(answers + (answers === 1 ? words.one : words.many));
    return words.has + parts.join(words.and) + words.ready;
  }

  function render() {
    var ticked = boxes.filter(function (box) { return box.checked; });
    list.textContent = "";
    ticked.forEach(function (box) {
      var item = templates.querySelector('[data-id="' + idOf(box) + '"]');
      if (item) list.appendChild(item.cloneNode(true));
    });
    var answers = ticked.filter(function (box) { return box.name === "answer"; }).length;
    var checklist = ticked.length > answers;
    sheet.hidden = ticked.length === 0;
    printButton.disabled = ticked.length === 0;
    document.documentElement.classList.toggle("mng-handout-on", ticked.length > 0);
    status.textContent = describe(answers, checklist);
    return ticked;
  }

  form.addEventListener("change", function () { writeAddress(render()); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    writeAddress(render());
  });
  printButton.addEventListener("click", function () { window.print(); });
  clearButton.addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    writeAddress(render());
  });

  root.querySelector("[data-handout-show]").hidden = true;
  printButton.hidden = false;
  clearButton.hidden = false;
  readAddress();
  render();
}());
