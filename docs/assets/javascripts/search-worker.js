/*
 * Search worker: Material's own Lunr.js worker, with reader-friendly query rewriting.
 *
 * Material lets a site provide its own search worker (the "search" entry of its
 * page config, swapped in by hooks/search_worker.py). This one loads Material's
 * worker unchanged and rewrites each query message before Material handles it:
 *
 *  1. Matches English stop words ("can", "i", "after") as whole words only, and
 *     weights them and the words every page is about ("micro-needling",
 *     "treatment") ten times less than the rest. Material adds a trailing wildcard
 *     to every word, so "i" would otherwise match every word that starts with "i",
 *     and "after" every title with "aftercare" in it.
 *  2. Adds the word's stem as a prefix ("choosing" also finds "choose", "clinics"
 *     finds "clinic"). The index itself is not stemmed, because a stemmed index
 *     breaks Material's prefix search while a reader is still typing.
 *  3. Adds a fuzzy copy (edit distance 1) of each word of 5 or more letters, so
 *     typos such as "melasama" or "wrinkels" still find "melasma" and "wrinkles".
 *     Exact and prefix matches still score higher: they match every copy.
 *
 * Queries that use Lunr syntax (+ - ~ ^ * : or quotes) are passed through as typed.
 */
/* eslint-env worker */
"use strict";

var MATERIAL_WORKER = "workers/search.a7633da7.min.js";
var QUERY = 2; /* Material's SearchMessageType.QUERY */
var MIN_FUZZY_LENGTH = 5;
var MIN_STEM_LENGTH = 4;
var WEIGHT = 10; /* for words that tell pages apart; domain words weigh 1 */

/* Words every page is about: they cannot tell pages apart, but they flood titles. */
var DOMAIN_WORDS = {
  micro: true, needling: true, microneedling: true, treatment: true, treatments: true,
  procedure: true, get: true, getting: true, having: true, done: true
};

var STOP_WORDS = (
  "a able about across after all almost also am among an and any are as at be because been but by " +
  "can cannot could dear did do does either else ever every for from get got had has have he her hers " +
  "him his how however i if in into is it its just least let like likely may me might most must my " +
  "neither no nor not of off often on only or other our own rather said say says she should since so " +
  "some than that the their them then there these they this tis to too twas us wants was we were what " +
  "when where which while who whom why will with would yet you your im ive id dont doesnt cant its " +
  "shouldnt wont isnt arent didnt whats hows thing things really"
).split(" ").reduce(function (set, word) { set[word] = true; return set; }, {});

/* The part of a word its Porter stem keeps ("policy" -> "polici" -> "polic"). */
function stemPrefix(word) {
  var stem = String(self.lunr.stemmer(new self.lunr.Token(word)));
  var n = 0;
  while (n < stem.length && stem[n] === word[n]) n++;
  return word.slice(0, n);
}

function rewrite(query) {
  if (typeof query !== "string" || /["+\-~^*:]/.test(query.replace(/(\w)-(?=\w)/g, "$1 "))) {
    return query;
  }
  var words = query.toLowerCase()
    .replace(/[\u2018\u2019']/g, "")
    .split(/[^a-z0-9.]+/)
    .map(function (w) { return w.replace(/^\.+|\.+$/g, ""); })
    .filter(Boolean);
  var out = [];
  words.forEach(function (w) {
    if (STOP_WORDS[w]) {
      out.push(w + "^1"); /* whole word only, weight 1 */
      return;
    }
    if (DOMAIN_WORDS[w]) {
      out.push(w + "*"); /* weight 1 */
      return;
    }
    out.push(w + "*^" + WEIGHT);
    if (!/^[a-z]+$/.test(w)) return;
    var root = stemPrefix(w);
    if (root !== w && root.length >= MIN_STEM_LENGTH) out.push(root + "*^" + WEIGHT);
    if (w.length >= MIN_FUZZY_LENGTH) out.push(w + "~1^" + WEIGHT / 2);
  });
  return out.join(" ");
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === QUERY) message.data = rewrite(message.data);
});

importScripts(MATERIAL_WORKER);
