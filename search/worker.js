/*
 * The search worker: answers Material's search box with search/engine.js.
 *
 * Material starts this worker on every page (hooks swap its own worker's address for
 * this one) and sends it a stub index at once; the real index (search/index.<lang>.*.json)
 * is fetched only when the reader opens or focuses the search box (search/loader.js says
 * so on the "mng-search" channel) or types a query, so readers who never search never
 * download it. The build puts the addresses of the index (MNG_INDEX_URL) and of the engine
 * (MNG_ENGINE_URL: the language's stemmer, MNG_STEM, and search/engine.js, MngSearch) before
 * this file; the engine, too, is loaded only then.
 *
 * Messages are Material's: SETUP (0) is answered READY (1); QUERY (2) is answered RESULT (3)
 * with every result as its own group, so the section or question that answers the query can
 * come first (Material would group sections under their page, with the page first).
 */
/* eslint-env worker */
/* global MngSearch, MNG_STEM, MNG_INDEX_URL, MNG_ENGINE_URL */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 50;
var TEASER_LENGTH = 160;
var index = null;
var loading = null;
var pending = null; /* the latest query that came before the index */

function load() {
  if (!loading) {
    loading = fetch(MNG_INDEX_URL);
    if (typeof MngSearch === "undefined") importScripts(MNG_ENGINE_URL); /* while the index downloads */
    loading = loading
      .then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        index = new MngSearch.Index(data, MNG_STEM);
        if (pending !== null) answer(pending);
        pending = null;
      })
      .catch(function (err) {
        loading = null; /* try again on the next query */
        if (pending !== null) postMessage({ type: RESULT, data: { items: [], total: 0 } });
        pending = null;
        console.warn(err);
      });
  }
  return loading;
}

/* A result as Material renders it: a group of one document. The title carries the page a
   section is on and an extract with the words it was found by marked (the reader's words and
   the site's words for them; Material shows no extract for a section alone). */
function item(result, note) {
  var doc = result.doc;
  var title = MngSearch.escapeHtml(doc.title);
  if (doc.parent >= 0) title += ' <span class="mng-search-page">' + MngSearch.escapeHtml(index.docs[doc.parent].title) + "</span>";
  var teaser = index.teaser(doc, result.marks, TEASER_LENGTH);
  if (teaser) title += ' <span class="mng-search-teaser">' + teaser + "</span>";
  if (note) title += ' <span class="mng-search-' + note.kind + '" hidden data-message="' + MngSearch.escapeHtml(note.message) + '"' +
    (note.page ? ' data-page="' + MngSearch.escapeHtml(note.page) + '"' : "") + "></span>";
  return [{ location: doc.location, title: title, text: "", score: result.score, terms: result.matched }];
}

/* The line the page shows in place of the result count (search/loader.js): for a warning sign
   reported after treatment, a link to the page on when to get help; for words of another of
   the site's languages, a link to the same search on that language's pages; else, when nothing
   matches well, "no close match". */
function noteFor(found, query) {
  if (found.report && index.data.report) return { kind: "help", message: index.data.report.message, page: index.data.report.page };
  var other = index.otherLanguage(query);
  if (other) return { kind: "lang", message: other.message, page: other.page + "?q=" + encodeURIComponent(query.trim()) };
  if (found.fallback) return { kind: "fallback", message: index.data.fallback.message };
  return null;
}

function answer(query) {
  var found = index.answer(query, !/\s$/.test(query));
  var note = noteFor(found, query);
  var top = found.results.slice(0, MAX_RESULTS);
  postMessage({ type: RESULT, data: {
    items: top.map(function (r, n) { return item(r, n === 0 ? note : null); }),
    total: found.results.length } });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    if (!query.trim()) {
      postMessage({ type: RESULT, data: { items: [], total: 0 } });
    } else if (index) {
      answer(query);
    } else {
      pending = query;
      load();
    }
  }
});

/* The page says the reader is about to search: fetch the index now. */
if (typeof BroadcastChannel !== "undefined")
  new BroadcastChannel("mng-search").onmessage = function () { load(); };
