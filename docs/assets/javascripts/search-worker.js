/*
 * Search worker: Material's own Lunr.js worker, with reader-friendly queries and ranking.
 *
 * Material lets a site provide its own search worker (the "search" entry of its
 * page config, swapped in by hooks/search_worker.py). This one loads Material's
 * worker unchanged, rewrites each query message before Material handles it, and
 * re-ranks the results message Material sends back.
 *
 * Query rewriting:
 *  1. Matches English stop words ("can", "i", "after") as whole words only, and
 *     weights them and the words every page is about ("micro-needling",
 *     "treatment") ten times less than the rest. Material adds a trailing wildcard
 *     to every word, so "i" would otherwise match every word that starts with "i",
 *     and "after" every title with "aftercare" in it. A query of stop words only
 *     is matched like any other.
 *  2. Adds the word's stem as a prefix ("choosing" also finds "choose", "clinics"
 *     finds "clinic"). The index itself is not stemmed, because a stemmed index
 *     breaks Material's prefix search while a reader is still typing.
 *  3. Adds a fuzzy copy (edit distance 1) of each word of 5 or more letters, so
 *     typos such as "melasama" or "wrinkels" still find "melasma" and "wrinkles".
 *  4. Joins neighbouring words ("fever blister" -> "_feverblister"), the form in
 *     which hooks/search_synonyms.py indexes multi-word synonyms.
 *  5. Spells out contractions typed without the apostrophe ("shouldnt" -> "should not").
 *
 * Ranking: every page, section and FAQ question is its own result (Material would
 * group sections under their page and always show the page first), ordered by how
 * many of the reader's words it matches (a word it has only as a synonym counts
 * three quarters, one it has only among the searches readers type for it, from
 * data/search-questions.yml, nine tenths; beside other words, a device name counts
 * half and a word that says when ("last year") a quarter; a word of an article's
 * title counts three quarters for its sections), then by Lunr's score. Micro-coring and scalp results count half
 * unless the query names them, and glossary definitions half. See flatten().
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

/* Words every page is about (the treatments are done to the skin, mostly of the
   face): they cannot tell pages apart, but they flood titles. */
var DOMAIN_WORDS = {
  face: true, skin: true, treat: true, treats: true, treated: true,
  micro: true, needling: true, microneedling: true, treatment: true, treatments: true,
  procedure: true, get: true, getting: true, having: true, done: true
};

/* Names of the tools micro-needling is done with. Readers use them for the treatment
   itself ("bruising after derma pen", "minoxidil and dermaroller"), so when a query
   has other words too, a device name counts half (DEVICE_WEIGHT) in its coverage. */
var DEVICE_WORDS = {
  roller: true, rollers: true, dermaroller: true, dermarollers: true, dermarolling: true,
  derma: true, pen: true, pens: true, dermapen: true, dermapens: true, stamp: true, stamps: true,
  needle: true, needles: true
};
var DEVICE_WEIGHT = 0.5;

/* Words that say when or how many ("last year", "next day", "how many days", "2
   sessions"). Beside the words that say what, they count a quarter (TIME_WEIGHT) in
   coverage: in "took accutane last year" or "can i go gym next day" the reader's
   concern is accutane or the gym, not every page that mentions a year or a day. */
var TIME_WORDS = (
  "last next week weeks year years month months day days night nights ago today " +
  "yesterday tomorrow hour hours time many"
).split(" ").reduce(function (set, word) { set[word] = true; return set; }, {});
var TIME_WEIGHT = 0.25;
function isTimeWord(w) { return TIME_WORDS[w] === true || /^[0-9]+$/.test(w); }

var STOP_WORDS = (
  "a able about across after all almost also am among an and any are as at be because been but " +
  "by can could dear did do does either else ever every for from get got had has have he her " +
  "hers him his how however i if in into is it just least let like likely may me might most " +
  "must my neither no nor not of off on only or other our own rather said say says she should " +
  "since so some than that the their them then there these they this tis to too twas us wants " +
  "was we were what when where which while who whom why will with would yet you your id thing " +
  "things really go goes going till until til vs versus exactly actually basically " +
  "honestly literally definitely anyway please even"
).split(" ").reduce(function (set, word) { set[word] = true; return set; }, {});

/* Contractions as readers type them (the apostrophe is dropped first): the index
   holds "should not", or "shouldn" and "t" where the page wrote "shouldn't".
   They, and text-speak ("ur", "b4"), are spelled out before stop words are looked up. */
var CONTRACTIONS = {
  dont: "do not", doesnt: "does not", didnt: "did not", cant: "can not", cannot: "can not",
  couldnt: "could not", shouldnt: "should not", wouldnt: "would not", wont: "will not",
  isnt: "is not", arent: "are not", wasnt: "was not", werent: "were not", havent: "have not",
  hasnt: "has not", hadnt: "had not", mustnt: "must not", im: "i am", ive: "i have",
  youre: "you are", theyre: "they are", whats: "what is", hows: "how is", its: "it is",
  /* and text-speak, typed on phones */
  u: "you", ur: "your", r: "are", pls: "please", plz: "please", b4: "before", bc: "because",
  cuz: "because", coz: "because", ppl: "people", dr: "doctor", wk: "week", wks: "weeks",
  yr: "year", yrs: "years", hr: "hour", hrs: "hours"
};

/* The part of a word its Porter stem keeps ("policy" -> "polici" -> "polic"). */
function stemPrefix(word) {
  var stem = String(self.lunr.stemmer(new self.lunr.Token(word)));
  var n = 0;
  while (n < stem.length && stem[n] === word[n]) n++;
  return word.slice(0, n);
}

/* The reader's words of the query being answered, and its neighbouring words
   joined ("fever blister" -> "_feverblister"), for scoring its results. */
var queryWords = [];
var queryJoined = [];
var unnamedTopics = []; /* the side topics (below) the query does not name */
/* Words joined at most: no synonym phrase may be longer (hooks/search_synonyms.py checks). */
var MAX_JOINED = 5;

/* Ways readers name the treatment itself, which synonym phrases write as "it". */
var TREATMENT_NAMES = /^(micro|needling|microneedling|microneedle|microneedles|microneeding)$/;

/* The query's words, each with its position, and a run of the treatment's names
   ("micro needling") as one "it" (with the position of its first word). */
function namedAsIt(words) {
  var out = [];
  words.forEach(function (w, i) {
    if (!TREATMENT_NAMES.test(w)) out.push({ word: w, at: i });
    else if (!out.length || out[out.length - 1].word !== "it" || !TREATMENT_NAMES.test(words[i - 1]))
      out.push({ word: "it", at: i, named: true });
  });
  return out;
}

/* Where in queryWords the reader's words of a joined phrase are (stop words have none). */
function memberIndexes(part, entries) {
  return part.map(function (p) { return queryWords.indexOf(entries[p.at]); })
    .filter(function (n) { return n >= 0; });
}

function rewrite(query) {
  queryWords = [];
  queryJoined = [];
  unnamedTopics = SIDE_TOPICS.filter(function (topic) {
    return !(typeof query === "string" && topic.query.test(query));
  });
  if (typeof query !== "string" || /["+\-~^*:]/.test(query.replace(/(\w)-(?=\w)/g, "$1 "))) {
    return query;
  }
  var words = query.toLowerCase()
    .replace(/[\u2018\u2019']/g, "")
    .split(/[^a-z0-9.&]+/) /* "a&e" (UK emergency department) stays one word */
    .map(function (w) { return w.replace(/^[.&]+|[.&]+$/g, ""); })
    .filter(Boolean)
    .reduce(function (all, w) { return all.concat(CONTRACTIONS[w] ? CONTRACTIONS[w].split(" ") : [w]); }, []);
  var out = [];
  var entries = [];
  /* A query of stop words only ("who should not") is matched like any other. */
  var allStop = words.every(function (w) { return STOP_WORDS[w]; });
  var otherWords = words.some(function (w) {
    return !STOP_WORDS[w] && !DOMAIN_WORDS[w] && !DEVICE_WORDS[w] && !isTimeWord(w);
  });
  words.forEach(function (w, i) {
    if (STOP_WORDS[w] && !allStop) {
      out.push(w + "^1"); /* whole word only, weight 1 */
      return;
    }
    if (DOMAIN_WORDS[w]) {
      out.push(w + "*^1"); /* weight 1 (with no boost, Material would add a second "*") */
      entries[i] = { word: w, weight: DOMAIN_COVERAGE, stem: stem(w), domain: true };
      queryWords.push(entries[i]);
      return;
    }
    var weight = !otherWords ? 1 : DEVICE_WORDS[w] ? DEVICE_WEIGHT : isTimeWord(w) ? TIME_WEIGHT : 1;
    var entry = { word: w, weight: weight,
      stem: /^[a-z]+$/.test(w) ? stem(w) : w };
    queryWords.push(entry);
    entries[i] = entry;
    out.push(w + "*^" + WEIGHT);
    if (!/^[a-z]+$/.test(w)) return;
    var root = stemPrefix(w);
    if (root !== w && root.length >= MIN_STEM_LENGTH) {
      out.push(root + "*^" + WEIGHT);
      entry.root = root;
    }
    if (w.length >= MIN_FUZZY_LENGTH) {
      out.push(w + "~1^" + WEIGHT / 2);
      entry.fuzzy = true;
    }
  });
  /* Neighbouring words joined, to find synonym phrases the index stores as one word;
     also with the treatment's name as "it" ("what can microneedling treat" also joins
     as "_whatcanittreat", the form synonym phrases are written in) and left out ("my
     microneedling appointment" as "_myappointment"), and without "it" ("what does it
     not work for" as "_doesnotwork"). */
  var seen = Object.create(null);
  var asTyped = words.map(function (w, i) { return { word: w, at: i }; });
  var unnamed = asTyped.filter(function (p) { return !TREATMENT_NAMES.test(p.word); });
  var noIt = asTyped.filter(function (p) { return p.word !== "it"; });
  [asTyped, namedAsIt(words), unnamed, noIt].forEach(function (list) {
    for (var n = 2; n <= MAX_JOINED; n++) {
      for (var i = 0; i + n <= list.length; i++) {
        var part = list.slice(i, i + n);
        var joined = "_" + part.map(function (p) { return p.word; }).join(""); /* as hooks/search_synonyms.py indexes phrases */
        /* The last words may be still being typed, so they also match as a prefix; not
           an "it" put for the treatment's name, which was typed in full ("what is
           microneedling" must not find "_isittrue"). */
        var last = i + n === list.length && !part[n - 1].named;
        if (!/^_[a-z0-9]+$/.test(joined) || seen[joined + last]) continue;
        seen[joined + last] = true;
        out.push(joined + (last ? "*" : "") + "^" + WEIGHT);
        queryJoined.push({ joined: joined, last: last, members: memberIndexes(part, entries) });
      }
    }
  });
  return out.join(" ");
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === QUERY) message.data = rewrite(message.data);
});

/*
 * One result per page, section or question, ranked by how many of the reader's
 * words it matches. Material groups sections under their page, always lists the
 * page first and ranks whole pages up; here every matching document is its own
 * result (a group of one, which Material shows with its title as the heading),
 * so the section or question that answers the query can come first.
 */
var RESULT = 3; /* Material's SearchMessageType.RESULT */
var DOMAIN_COVERAGE = 0.25; /* "micro-needling" is on every page: it counts little */
var COVERAGE_BOOST = 3; /* a result with all the words scores (1 + 3)^4 = 256 times more, */
/* one with half of them (1 + 1.5)^4 = 39 times: how many words match counts first */
var COVERAGE_POWER = 4;
/* Lunr's score is damped (raised to LUNR_POWER) before coverage multiplies it, so a
   title word (boosted 20 times) counts for less against the reader's other words: in
   "can microneedling give you an infection", the question "Can micro-needling cause an
   infection?" now comes before the sections titled "Infections ...". */
var LUNR_POWER = 0.75;
var PREFIX_CREDIT = 0.5;
var LAST_PREFIX_CREDIT = 0.75;
var FUZZY_CREDIT = 0.8;
/* A word a result has only in its hidden synonym fields counts less than the result's
   own words: "pus" on the page about warning signs beats "pus" added to every page
   that mentions infection. */
var SYNONYM_CREDIT = 0.75;
/* A word a result has only among the searches readers type for it (the hidden
   "questions" field, from data/search-questions.yml, by hooks/search_questions.py). */
var QUESTION_CREDIT = 0.9;
var PHRASE_CREDIT = 1; /* a run of the reader's words that a synonym phrase names: see coverage() */
var MARK = /<mark[^>]*>([^<]*)<\/mark>/g;

/* Words Material highlighted in the given fields of a result: what the index matched. */
function markedWords(item, fields) {
  var found = [];
  fields.forEach(function (name) {
    var field = item[name];
    if (typeof field !== "string") return;
    field.replace(MARK, function (_, word) { found.push(word.toLowerCase()); return ""; });
  });
  return found;
}

/* True when a and b differ by at most one insertion, deletion, change or swap. */
function oneEditApart(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  var ra = a.slice(i + 1), rb = b.slice(i + 1);
  return ra === rb || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
}

var stems = Object.create(null); /* word -> Porter stem, cached: results repeat words */
function stem(word) {
  if (!(word in stems)) stems[word] = String(self.lunr.stemmer(new self.lunr.Token(word)));
  return stems[word];
}

/*
 * How well a result matches one of the reader's words, from what Material
 * highlighted: 1 for the word itself or another form of it ("scar", "scars",
 * "scarring"), PREFIX_CREDIT for a longer word that only starts with it ("anti"
 * in "anticoagulants"), FUZZY_CREDIT for a one-letter typo. The last word may be
 * half typed, so a prefix counts for more there (LAST_PREFIX_CREDIT).
 */
function wordMatch(q, marks, terms, last) {
  var best = 0;
  for (var i = 0; i < marks.length && best < 1; i++) {
    var m = marks[i];
    if (m === q.word || stem(m) === q.stem) best = 1;
    else if (m.indexOf(q.word) === 0 || (q.root && m.indexOf(q.root) === 0)) best = Math.max(best, last ? LAST_PREFIX_CREDIT : PREFIX_CREDIT);
    else if (q.fuzzy && oneEditApart(m, q.word)) best = Math.max(best, FUZZY_CREDIT);
  }
  if (!best && (terms[q.word] || (q.root && terms[q.root]))) best = PREFIX_CREDIT;
  return best;
}

/* An article's sections are about its title's topic ("What to expect" on the stretch
   marks page), so a word of the page's title counts PARENT_CREDIT for them, as much as
   a synonym. Not for FAQ answers: each question names its own topic, and an FAQ page's
   title is a category. */
var PARENT_CREDIT = 0.75;
var PARENT_PAGES = /^(?!faq\/)/;
var pageWordCache = Object.create(null);
/* The words of a page's title and their variants, with their stems ("\u0000" + stem). */
function pageWords(page) {
  var key = page.location;
  if (pageWordCache[key]) return pageWordCache[key];
  var set = Object.create(null);
  var title = String(page.title).replace(/<[^>]+>/g, " ").toLowerCase().replace(/[\u2018\u2019']/g, "");
  title.split(/[^a-z0-9]+/).concat(String(page.title_synonyms || "").split(" ")).forEach(function (w) {
    if (!w || STOP_WORDS[w]) return;
    set[w] = true;
    if (/^[a-z]+$/.test(w)) set["\u0000" + stem(w)] = true;
  });
  return (pageWordCache[key] = set);
}

/* Raise the credit of the reader's words at the given indexes to at least value. */
function raiseCredit(credit, indexes, value) {
  indexes.forEach(function (n) { credit[n] = Math.max(credit[n], value); });
}

/* Share of the reader's words (weighted) that a result matches: 0 to 1. */
function coverage(item) {
  var total = 0, found = 0, terms = item.terms || {};
  var own = markedWords(item, ["title", "text"]);
  var variants = markedWords(item, ["title_synonyms", "synonyms"]);
  var asked = markedWords(item, ["questions"]);
  var credit = queryWords.map(function (q, i) {
    var last = i === queryWords.length - 1;
    return Math.max(wordMatch(q, own, terms, last), SYNONYM_CREDIT * wordMatch(q, variants, {}, last),
      QUESTION_CREDIT * wordMatch(q, asked, {}, last));
  });
  /* A phrase synonym ("_feverblister") stands for all the words it joins, in full: a
     run of the reader's words that an entry names is as good as the page's own word
     ("no difference after my first session" names "no difference", a variant of "when
     results show"). So does a pair of words from a reader search for the result
     ("_eveningafter" on the checklist's day of treatment). */
  var phrases = variants.concat(asked);
  queryJoined.forEach(function (j) {
    var hit = phrases.some(function (m) { return m === j.joined || (j.last && m.indexOf(j.joined) === 0); });
    if (hit) raiseCredit(credit, j.members, PHRASE_CREDIT);
  });
  /* A section is about its page's topic: a word of the page's title counts for it too
     (not a domain word: every page is about micro-needling). */
  var page = item.parent && PARENT_PAGES.test(item.parent.location) ? pageWords(item.parent) : null;
  if (page) {
    queryWords.forEach(function (q, i) {
      if (!q.domain && (page[q.word] || page["\u0000" + q.stem])) credit[i] = Math.max(credit[i], PARENT_CREDIT);
    });
    queryJoined.forEach(function (j) {
      if (page[j.joined]) raiseCredit(credit, j.members, PARENT_CREDIT * SYNONYM_CREDIT);
    });
  }
  queryWords.forEach(function (q, i) {
    total += q.weight;
    found += q.weight * credit[i];
  });
  return total ? found / total : 0;
}

/* Material's score without its own boost (which favours whole pages). */
function baseScore(item) {
  var keys = Object.keys(item.terms || {});
  var matched = keys.filter(function (k) { return item.terms[k]; }).length;
  var boost = (item.parent ? 0 : 1) + (keys.length ? matched / keys.length : 0);
  return item.score / (1 + boost * boost);
}

/* The site's side topics: micro-coring (a second treatment, whose FAQ asks the same
   questions as micro-needling's: sessions, aftercare, cost) and scalp treatment for
   hair loss. A query that names neither is about micro-needling of the skin, so their
   results count for less (SIDE_TOPIC_FACTOR) unless the query names them. */
var SIDE_TOPICS = [
  { result: /coring|ellacor/i, query: /\bcor|coring|ellac|elac/i }, /* "microcoring", "ellacore" */
  { result: /scalp|hair/i, query: /hair|scalp|bald|alopecia|minoxidil|rogaine|regrow|follic|thinning|receding/i }
];
var SIDE_TOPIC_FACTOR = 0.5;
/* A glossary definition is a few words long, so Lunr scores it high for its term, but a
   reader who types "sunscreen" wants the advice about it more than the definition. */
var GLOSSARY_FACTOR = 0.5;
var GLOSSARY_TERM = /glossary\/#term-/;

function sideTopicFactor(item) {
  var about = unnamedTopics.some(function (topic) {
    return topic.result.test(item.location) || topic.result.test(item.title) ||
      (item.parent && topic.result.test(item.parent.title));
  });
  return about ? SIDE_TOPIC_FACTOR : 1;
}

/* Material lists the query terms a result lacks under "Missing:". The joined words
   ("_eveningafter") and stem prefixes ("choos") are ours, not the reader's: leave them
   out of that list (after scoring, which counts them). */
function hideAddedTerms(item, roots) {
  Object.keys(item.terms || {}).forEach(function (term) {
    if (term.charAt(0) === "_" || roots[term]) delete item.terms[term];
  });
}

function flatten(groups) {
  var items = [];
  var roots = Object.create(null); /* the stem prefixes rewrite() added */
  queryWords.forEach(function (q) { if (q.root) roots[q.root] = true; });
  groups.forEach(function (group) {
    group.forEach(function (item) {
      if (item.score <= 0) return; /* a page Material added only to head its sections */
      var c = queryWords.length ? coverage(item) : 1;
      item.score = Math.pow(baseScore(item), LUNR_POWER) * Math.pow(1 + COVERAGE_BOOST * c, COVERAGE_POWER);
      item.score *= sideTopicFactor(item);
      if (GLOSSARY_TERM.test(item.location)) item.score *= GLOSSARY_FACTOR;
      hideAddedTerms(item, roots);
      items.push(item);
    });
  });
  items.sort(function (a, b) { return b.score - a.score; });
  return items.map(function (item) {
    /* A section shown on its own says which page it is on. */
    if (item.parent && item.parent.title)
      item.title += ' <span class="mng-search-page">' + item.parent.title + "</span>";
    return [item];
  });
}

var post = self.postMessage.bind(self);
self.postMessage = function (message) {
  if (message && message.type === RESULT && message.data && message.data.items)
    message.data.items = flatten(message.data.items);
  post(message);
};

importScripts(MATERIAL_WORKER);
