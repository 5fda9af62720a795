/*
 * The site's search engine: tokenizing, the index and the ranking, with no browser or
 * worker code, so the same file runs in the search worker (search/worker.js) and in
 * Node (the unit tests, bench/search_node.js and search/fit.js).
 *
 * Ranking, in one formula (the weights are data: search/data/ranking.yml):
 *   - Each field of a result (its title, its page's title, its text, the searches readers
 *     type for it with the words readers share for it, its tags) counts a query term by
 *     BM25F: term frequency, damped (k1) and normalised by the field's length (b), weighted
 *     per field, times the term's inverse document frequency, so a rare word ("fever",
 *     "wrinkles") outweighs a common one ("day", "face", "help").
 *   - Each of the reader's words is a slot; its alternatives are the word itself (by stem),
 *     the site's words for it (synonyms, brand names, with their own credit), a longer word
 *     it starts (the word being typed, or a cut-off word) and a word one typing slip away,
 *     each at its credit. A slot scores its best alternative.
 *   - Neighbouring words found side by side in a result add a phrase bonus.
 *   - The sum is multiplied by coverage^power: the share of the query's weight (by IDF)
 *     that the result matches (each word at its match's credit over the best match the site
 *     has for it), so a result with all the reader's words comes first; and by
 *     1 + titleMatch x (share of the query's words in the title, each at its match's credit)^2,
 *     scaled by the share of the title's own words the reader typed (titleFit) and, for a
 *     whole page, by 1 + pageTitle.
 *   - A word readers often put around their question rather than in it ("yesterday", "jaw")
 *     counts its learned weight (search/data/reader-words-<lang>.yml); in a query that reports
 *     a symptom after treatment, its weight learned from such queries, where it has one.
 *   - A result on a side topic (micro-coring, scalp) or a glossary definition counts a
 *     factor less unless the query names the topic (search/data/ranking.yml, "topics").
 * The work per query is bounded (limits in ranking.yml): words per query, letters per
 * word, and expansions per word.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MngSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FIELDS = ["title", "page", "text", "asked", "tags"];
  var TOKEN = /[a-z0-9]+(?:\.[0-9]+)?/g;

  /* Lower case, accents folded ("después" -> "despues"), apostrophes dropped ("don't" -> "dont"). */
  function fold(s) {
    return String(s).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019'`\u00b4]/g, "");
  }

  function tokens(s) { return fold(s).match(TOKEN) || []; }

  /* Edit distance of at most `max` (insert, delete, change, swap of neighbours): bounded. */
  function withinEdits(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return false;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  /*
   * An index over the documents of one language.
   *   data: the index file the build writes (search/hook.py): lang, vocabulary, docs, weights.
   *   stem: the language's stemmer, word -> stem.
   */
  function Index(data, stem) {
    var self = this;
    this.data = data;
    this.weights = data.weights;
    this.limits = data.limits;
    this.stemCache = Object.create(null);
    this.stemmer = stem;
    /* Words the stemmer would merge with words of another meaning (Spanish "pus" with "puse",
       "I put"): each group of forms shares a stem of its own, which no stemmed word can be. */
    (data.ownStems || []).forEach(function (forms) {
      forms.forEach(function (w) { self.stemCache[fold(w)] = "=" + fold(forms[0]); });
    });
    this.stop = Object.create(null);
    data.stop.forEach(function (w) { self.stop[fold(w)] = true; });
    this.variants = Object.create(null); /* "b4" -> ["before"], "dont" -> ["do", "not"] */
    Object.keys(data.variants).forEach(function (w) { self.variants[fold(w)] = tokens(data.variants[w]); });
    /* Names of two words read as one, in pages and queries alike ("cold sore" -> "coldsore"):
       their parts alone mean something else ("sore" is pain). */
    this.compounds = (data.compounds || []).map(function (name) {
      var parts = tokens(name);
      return { re: new RegExp("\\b" + parts.join("[\\s-]+") + "\\b", "g"), word: parts.join("") };
    });
    /* Topic and symptom patterns name addresses without the language prefix ("es/"). */
    this.prefix = data.prefix || "";
    this.topics = data.topics.map(function (t) {
      return { docs: new RegExp(t.docs, "i"), query: new RegExp(t.query, "i"), factor: t.factor };
    });
    this.symptoms = data.symptoms ? {
      docs: new RegExp(data.symptoms.docs, "i"), factor: data.symptoms.factor, stems: Object.create(null),
      slot: data.symptoms.slot || 0, slotNamed: data.symptoms.slotNamed || 0, answers: data.symptoms.answers ? new RegExp(data.symptoms.answers, "i") : null,
      after: data.symptoms.after ? new RegExp(data.symptoms.after, "i") : null
    } : null;
    /* How much a word counts in a query, learned from the query sets (search/expand.js): words
       readers use around their question ("yesterday", "jaw") count less; in any query, and in
       queries reporting a symptom. Stem -> factor. */
    var byStem = function (weights) {
      var out = Object.create(null);
      Object.keys(weights || {}).forEach(function (w) { out[self.stem(fold(w))] = weights[w]; });
      return out;
    };
    this.readerWeights = byStem(data.readerWeights);
    this.reportWeights = byStem(data.reportWeights);
    this.docs = wholeAddresses(data.docs).map(function (d, n) {
      /* learned: the words readers share for it (search/expand.js), counted with `asked`. */
      return { n: n, location: d[0], title: d[1], text: d[2], parent: d[3], asked: d[4] || "", tags: d[5] || [],
               learned: d[6] || "" };
    });
    this.build();
    this.synonyms = this.readSynonyms(data.synonyms);
    /* The other languages' words (the build lists the words their pages use and ours never do). */
    this.others = (data.others || []).map(function (o) {
      var words = Object.create(null);
      o.words.forEach(function (w) { words[w] = true; });
      return { words: words, message: o.message, page: o.page };
    });
    /* The words of the warning signs and expected effects that tell results apart in the pages'
       own words (not "skin", "face" or "weeks"; the learned reader words do not count), and the
       language's own list of symptom words (symptoms_from: words) and those learned from the
       query sets, which count whatever their share. */
    if (this.symptoms) {
      var mark = function (text, most, df) {
        tokens(text).forEach(function (w) {
          var st = self.stem(w);
          if (!self.stop[w] && df[st] && df[st] <= most) self.symptoms.stems[st] = true;
        });
      };
      mark(data.symptoms.words, data.symptoms.maxShare * this.docs.length, this.ownDf);
      mark(data.symptoms.always || "", Infinity, this.ownDf);
      mark(data.symptoms.learned || "", Infinity, this.df); /* found in a page or in its learned words */
    }
  }

  /* A ranked result: its doc, score, coverage and which of the reader's words it matched;
     `marks`, the stems to mark in its extract, are worked out only when asked for (by the
     worker, for the results it shows), not for every result ranked. */
  function Result(doc, score, coverage, matched, marksOf, d) {
    this.doc = doc; this.score = score; this.coverage = coverage; this.matched = matched;
    this.marksOf = marksOf; this.d = d;
  }
  Object.defineProperty(Result.prototype, "marks", { get: function () { return this.marksOf(this.d); } });

  /* An address without the language prefix: "es/safety/risks/" -> "safety/risks/". */
  Index.prototype.bare = function (location) {
    return this.prefix && location.indexOf(this.prefix) === 0 ? location.slice(this.prefix.length) : location;
  };

  Index.prototype.stem = function (w) {
    if (!(w in this.stemCache))
      this.stemCache[w] = /^[a-z]{3,}$/.test(w) ? this.stemmer(w) : w;
    return this.stemCache[w];
  };

  /* Postings: term -> [doc, field, normalised frequency, doc, field, ...] (flat, for speed:
     the index is built in the reader's browser). A term is a stem, or two neighbouring stems
     joined by a space, for phrases. */
  Index.prototype.build = function () {
    var self = this, stop = this.stop;
    var postings = Object.create(null);
    var df = Object.create(null), lastDoc = Object.create(null);
    var surface = Object.create(null); /* every word as written -> its stem */
    var b = this.weights.b;
    var ownDf = Object.create(null); /* df without the learned words: what the symptom words use */
    var perDoc = this.docs.map(function (doc) {
      var page = doc.parent >= 0 ? self.docs[doc.parent].title : "";
      var texts = [doc.title, page, doc.text, doc.asked, doc.tags.join(" "), doc.learned];
      var fields = texts.map(function (text) {
        var counts = new Map();
        var words = self.words(text, surface);
        var prev = null, before = null;
        for (var i = 0; i < words.length; i++) {
          var w = words[i];
          /* Neighbouring words as pairs: every pair as written ("got home"), and pairs of the
             words that tell results apart, across stop words ("makeup [after] treatment"). */
          if (before !== null && (stop[w.word] || stop[before.word])) add(counts, before.stem + " " + w.stem);
          before = w;
          if (stop[w.word]) continue;
          add(counts, w.stem);
          if (w.joined) add(counts, w.joined);
          if (prev !== null) add(counts, prev + " " + w.stem);
          prev = w.stem;
        }
        return { counts: counts, length: words.length };
      });
      /* The learned words count as reader searches; ownDf counts the terms the pages and
         editors wrote. */
      var learned = fields.pop(), asked = fields[3], own = new Set();
      fields.forEach(function (field) { field.counts.forEach(function (_, term) { own.add(term); }); });
      own.forEach(function (term) { ownDf[term] = (ownDf[term] || 0) + 1; });
      learned.counts.forEach(function (count, term) { add(asked.counts, term, count); });
      asked.length += learned.length;
      return fields;
    });
    var avg = FIELDS.map(function (_, f) {
      var sum = 0;
      perDoc.forEach(function (fields) { sum += fields[f].length; });
      return sum / Math.max(1, perDoc.length) || 1;
    });
    perDoc.forEach(function (fields, n) {
      /* The text's words (stems), to tell a result that repeats another (Index.varied). */
      var own = self.docs[n].stems = new Set();
      fields[2].counts.forEach(function (_, term) { if (term.indexOf(" ") < 0) own.add(term); });
      fields.forEach(function (field, f) {
        var norm = 1 - b + b * (field.length / avg[f]);
        field.counts.forEach(function (count, term) {
          var list = postings[term] || (postings[term] = []);
          list.push(n, f, count / norm);
          if (lastDoc[term] !== n) { lastDoc[term] = n; df[term] = (df[term] || 0) + 1; }
        });
      });
    });
    /* Each title's words, stop words included, by stem (a compound also as one word: both
       parts of "micro-needling" are covered by "microneedling"): what the title match counts. */
    this.docs.forEach(function (doc) {
      doc.titleWords = self.words(doc.title).map(function (w) {
        w.forms = w.whole ? [w.stem, w.whole] : [w.stem];
        return w;
      });
    });
    this.postings = postings;
    this.df = df;
    this.ownDf = ownDf;
    this.surface = surface;
    this.surfaceList = Object.keys(surface);
  };

  /* A text's words with their stems; a hyphenated compound also as one word
     ("micro-needling" is found as "microneedling"). Records each word's stem in `surface`. */
  Index.prototype.words = function (text, surface) {
    var self = this;
    var out = [];
    var folded = this.joinNames(fold(text));
    var re = /[a-z0-9]+(?:\.[0-9]+)?(?:-[a-z0-9]+)*/g, m;
    while ((m = re.exec(folded))) {
      var parts = m[0].split("-");
      var whole = parts.length > 1 ? self.stem(parts.join("")) : null;
      if (whole && surface) surface[parts.join("")] = whole;
      parts.forEach(function (w, i) {
        var entry = { word: w, stem: self.stem(w), whole: whole };
        if (surface) surface[w] = entry.stem;
        if (whole && i === parts.length - 1) entry.joined = whole; /* indexed once per compound */
        out.push(entry);
      });
    }
    return out;
  };

  /* A folded text with each compound name as one word. */
  Index.prototype.joinNames = function (folded) {
    this.compounds.forEach(function (c) { folded = folded.replace(c.re, c.word); });
    return folded;
  };

  Index.prototype.idf = function (term) {
    var n = this.docs.length, df = this.df[term] || 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  /* Synonym entries as lists of stems: [{from: [[stems of a reader phrase]], to: [[stems]]}]. */
  Index.prototype.readSynonyms = function (entries) {
    var self = this;
    var byFirst = Object.create(null);
    entries.forEach(function (e) {
      var to = e.match.map(function (p) { return self.stems(p); }).filter(function (s) { return s.length; });
      e.add.forEach(function (p) {
        /* A phrase of stop words only ("who can not", "about us") is matched word for word. */
        var words = self.typedWords(p), content = words.filter(function (w) { return !self.stop[w]; });
        var typed = !content.length;
        var from = (typed ? words : content).map(function (w) { return self.stem(w); });
        if (!from.length) return;
        (byFirst[from[0]] = byFirst[from[0]] || []).push({ from: from, to: to, typed: typed });
      });
    });
    return byFirst;
  };

  /* The stems of a phrase's content words. */
  Index.prototype.stems = function (phrase) {
    var self = this;
    return this.typedWords(phrase).filter(function (w) { return !self.stop[w]; })
      .map(function (w) { return self.stem(w); });
  };

  /* A text's words with text-speak and contractions spelled out ("dr" -> "doctor"), as a query's
     are, so a reader phrase such as "dr pen" matches the query it was written for. */
  Index.prototype.typedWords = function (text) {
    var self = this, words = [];
    tokens(this.joinNames(fold(text))).forEach(function (w) {
      (self.variants[w] || [w]).forEach(function (v) { words.push(v); });
    });
    return words;
  };

  /* A term for a run of stems: the stem itself, or its neighbouring pairs. */
  function termsOf(stems) {
    if (stems.length === 1) return [stems[0]];
    var out = [];
    for (var i = 0; i + 1 < stems.length; i++) out.push(stems[i] + " " + stems[i + 1]);
    return out;
  }

  /*
   * The query as slots: one per word, each with its alternatives
   * ({terms: [...], credit}). `typing` says the last word may be unfinished.
   */
  Index.prototype.parse = function (query, typing) {
    var self = this, L = this.limits;
    var words = this.typedWords(String(query).slice(0, L.maxQueryChars));
    /* At most maxWords words that are not stop words: a long spoken question keeps its last
       words ("... i'm worried about hiv"), where the meaning often is. */
    var content = 0;
    words = words.filter(function (w) { return self.stop[w] || ++content <= L.maxWords; })
      .map(function (w) { return w.slice(0, L.maxWordLength); });
    var allStop = words.every(function (w) { return self.stop[w]; });
    var slots = words.map(function (w, i) {
      var stop = !!self.stop[w] && !allStop;
      var s = self.stem(w);
      var slot = { word: w, stem: s, stop: stop, alts: [], known: !!self.df[s] };
      if (self.df[s]) slot.alts.push({ terms: [s], credit: 1 });
      if (stop) return slot;
      var last = typing && i === words.length - 1;
      if (last || !slot.known) self.expandPrefix(slot, last);
      if (!slot.known && w.length >= L.minFuzzyLength && /^[a-z]+$/.test(w)) self.expandFuzzy(slot);
      if (!slot.known && w.length >= L.minSplitLength) self.expandSplit(slot);
      return slot;
    });
    this.expandSynonyms(slots);
    return slots;
  };

  Index.prototype.expandPrefix = function (slot, last) {
    var w = slot.word;
    if (w.length < (last ? this.limits.minPrefixLengthLast : this.limits.minPrefixLength)) return;
    var found = [];
    for (var i = 0; i < this.surfaceList.length && found.length < this.limits.maxExpansions; i++) {
      var s = this.surfaceList[i];
      if (s.length > w.length && s.lastIndexOf(w, 0) === 0 && this.surface[s] !== slot.stem) found.push(this.surface[s]);
    }
    var credit = last ? this.weights.prefixLast : this.weights.prefix;
    if (found.length) slot.alts.push({ terms: unique(found), credit: credit, any: true });
  };

  Index.prototype.expandFuzzy = function (slot) {
    var w = slot.word, found = [], max = w.length >= this.limits.twoEditLength ? 2 : 1;
    for (var i = 0; i < this.surfaceList.length && found.length < this.limits.maxExpansions; i++) {
      var s = this.surfaceList[i];
      if (s.length >= 3 && withinEdits(w, s, max)) found.push(this.surface[s]);
    }
    if (found.length) slot.alts.push({ terms: unique(found), credit: this.weights.fuzzy, any: true });
  };

  /* A word typed without its space ("dermaroller", "acnescars"): two known words. */
  Index.prototype.expandSplit = function (slot) {
    var w = slot.word;
    for (var i = this.limits.minSplitPart; i <= w.length - this.limits.minSplitPart; i++) {
      var a = w.slice(0, i), b = w.slice(i);
      if (this.surface[a] && this.surface[b] && !this.stop[a] && !this.stop[b]) {
        slot.alts.push({ terms: [this.surface[a] + " " + this.surface[b]], credit: this.weights.fuzzy });
        return;
      }
    }
  };

  /* Readers' words and phrases for the site's words: each synonym whose reader phrase
     starts at a slot gives the slots it spans the site's words, at the synonym credit. */
  Index.prototype.expandSynonyms = function (slots) {
    var self = this;
    var content = slots.filter(function (s) { return !s.stop; });
    /* Phrases of content words match the query's content words; phrases of stop words only
       match the words as typed, which then count as content words. */
    [[content, false], [slots, true]].forEach(function (pass) {
      var list = pass[0], typed = pass[1];
      list.forEach(function (slot, i) {
        var entries = self.synonyms[slot.stem] || self.synonyms[slot.word] || [];
        entries.forEach(function (e) {
          if (e.typed !== typed) return;
          var n = e.from.length;
          for (var k = 0; k < n; k++) {
            var other = list[i + k];
            if (!other || (other.stem !== e.from[k] && other.word !== e.from[k])) return;
          }
          e.to.forEach(function (to) {
            for (var k = 0; k < n; k++) {
              list[i + k].stop = false;
              list[i + k].alts.push({ terms: termsOf(to), credit: self.weights.synonym, all: to.length > 1 });
            }
          });
        });
      });
    });
  };

  /* BM25F score of one term in every document that has it: doc -> score. */
  Index.prototype.termScores = function (term) {
    var W = this.weights;
    var list = this.postings[term];
    if (!list) return null;
    var tf = Object.create(null);
    for (var i = 0; i < list.length; i += 3) tf[list[i]] = (tf[list[i]] || 0) + W.fields[list[i + 1]] * list[i + 2];
    var idf = this.idf(term), out = Object.create(null);
    Object.keys(tf).forEach(function (d) { out[d] = idf * tf[d] * (W.k1 + 1) / (W.k1 + tf[d]); });
    return out;
  };

  /* One alternative's score per document: a phrase needs all of its pairs (`all`), a set
     of expansions takes the best (`any`). */
  Index.prototype.altScores = function (alt, cache) {
    var self = this;
    var maps = alt.terms.map(function (t) {
      if (!(t in cache)) cache[t] = self.termScores(t);
      return cache[t];
    }).filter(Boolean);
    if (!maps.length || (!alt.any && maps.length < alt.terms.length)) return null;
    var out = Object.create(null);
    if (alt.any) {
      maps.forEach(function (m) {
        Object.keys(m).forEach(function (d) { if (!(d in out) || m[d] > out[d]) out[d] = m[d]; });
      });
      return out;
    }
    Object.keys(maps[0]).forEach(function (d) {
      var sum = 0;
      for (var i = 0; i < maps.length; i++) { if (!(d in maps[i])) return; sum += maps[i][d]; }
      out[d] = sum;
    });
    return out;
  };

  /* The weight of a slot in coverage: its own word's rarity, or that of the site's words for it. */
  Index.prototype.slotWeight = function (slot) {
    var self = this;
    var idf = slot.known ? this.idf(slot.stem) : 0;
    if (!idf) slot.alts.forEach(function (a) {
      a.terms.forEach(function (t) { idf = Math.max(idf, self.idf(t)); });
    });
    if (!idf) idf = Math.log(1 + this.docs.length);
    return (slot.stop ? this.weights.stopWord : 1) * idf;
  };

  /*
   * Search: the ranked results, each {doc, score, coverage, matched: {word: true|false}}.
   */
  Index.prototype.search = function (query, typing) {
    return this.rank(query, typing).results;
  };

  /* The ranked results, whether the query reports a symptom after treatment (report: a
     word of the warning signs or the expected effects, and one of the language's words for
     "after"), and the query's words as parsed (slots). */
  Index.prototype.rank = function (query, typing) {
    var self = this, W = this.weights;
    var slots = this.parse(query, typing);
    if (!slots.length) return { results: [], report: false };
    var cache = Object.create(null);
    var scores = Object.create(null), covered = Object.create(null), matched = Object.create(null);
    var total = 0;
    var symptoms = this.symptoms;
    var symptom = symptoms && slots.some(function (s) {
      return !s.stop && s.alts.some(function (a) { return a.terms.some(function (t) { return symptoms.stems[t]; }); });
    });
    /* The words for "after" are matched with compound names as one word ("fever blister" is a
       cold sore, not a fever). */
    var report = symptom && (!symptoms.after || symptoms.after.test(this.joinNames(fold(query))));
    slots.forEach(function (slot, i) {
      /* In a query reporting a symptom, a word counts as readers' reports use it, where they do. */
      var learned = (!slot.stop && ((report && self.reportWeights[slot.stem]) || self.readerWeights[slot.stem])) || 1;
      var weight = self.slotWeight(slot) * learned;
      total += weight;
      var best = Object.create(null), credit = Object.create(null), top = 0;
      slot.alts.forEach(function (alt) {
        var m = self.altScores(alt, cache);
        if (!m) return;
        top = Math.max(top, alt.credit);
        Object.keys(m).forEach(function (d) {
          var v = alt.credit * m[d];
          if (!(d in best) || v > best[d]) best[d] = v;
          if (!(d in credit) || alt.credit > credit[d]) credit[d] = alt.credit;
        });
      });
      var factor = slot.stop ? W.stopWord : learned;
      /* A word counts as covered by the best match the site has for it: a word the site never
         uses ("nsaids") is covered in full by the site's word for it ("painkillers"). */
      Object.keys(best).forEach(function (d) {
        scores[d] = (scores[d] || 0) + factor * best[d];
        covered[d] = (covered[d] || 0) + weight * credit[d] / top;
        (matched[d] = matched[d] || {})[i] = true;
      });
    });
    /* Neighbouring words found side by side: pairs as typed with a stop word ("got home"),
       and pairs of the words that tell results apart. */
    var pairs = [];
    for (var i = 0; i + 1 < slots.length; i++)
      if (slots[i].stop || slots[i + 1].stop) pairs.push(slots[i].stem + " " + slots[i + 1].stem);
    var content = slots.filter(function (s) { return !s.stop && s.known; });
    for (i = 0; i + 1 < content.length; i++) pairs.push(content[i].stem + " " + content[i + 1].stem);
    unique(pairs).forEach(function (term) {
      var pair = self.termScores(term);
      if (pair) Object.keys(pair).forEach(function (d) {
        if (d in scores) scores[d] += W.phrase * pair[d];
      });
    });
    /* How well a result's title fits the query: the share of the reader's words (stop words
       too) that the title has, squared, partly scaled by the share of the title's own words
       the reader typed (titleFit); a whole page's title counts 1 + pageTitle. A title that
       says what the reader asked ("Who should not have micro-needling?") fits best. */
    var asked = Object.create(null);
    slots.forEach(function (s) { asked[s.stem] = true; });
    /* Each alternative's terms as lists of stems, once per query (a phrase's pairs split). */
    var altStems = slots.map(function (s) {
      return s.alts.map(function (a) { return a.terms.map(function (t) { return t.split(" "); }); });
    });
    function titleMatch(doc) {
      var inTitle = 0, typed = 0, own = 0;
      var has = function (stem) { return doc.titleWords.some(function (w) { return w.forms.indexOf(stem) >= 0; }); };
      var hasAll = function (stems) { return stems.every(has); };
      /* A word the title has in the site's words (a synonym, a brand's kind of device, the word
         a typing slip was meant as) counts at that alternative's credit. */
      slots.forEach(function (s, i) {
        if (has(s.stem)) { inTitle++; return; }
        var best = 0;
        s.alts.forEach(function (a, k) {
          if (a.credit <= best) return;
          if (a.any ? altStems[i][k].some(hasAll) : altStems[i][k].every(hasAll)) best = a.credit;
        });
        inTitle += best;
      });
      doc.titleWords.forEach(function (w) {
        if (self.stop[w.word]) return;
        own++;
        if (w.forms.some(function (f) { return asked[f]; })) typed++;
      });
      var q = inTitle / slots.length, t = own ? typed / own : 0;
      return q * q * (1 - W.titleFit + W.titleFit * t) * (doc.location.indexOf("#") < 0 ? 1 + W.pageTitle : 1);
    }
    var topics = this.topics.filter(function (t) { return !t.query.test(query); });
    /* The side topics the reader did not name that a result belongs to (its address, `here`
       without the language prefix, or its page's). */
    function sideTopics(doc, here) {
      var page = doc.parent >= 0 ? self.bare(self.docs[doc.parent].location) : null;
      return topics.filter(function (t) { return t.docs.test(here) || (page !== null && t.docs.test(page)); });
    }
    /* The stems a result was found by, to mark in its extract: the terms of each alternative of
       a word that is not a stop word that matched it (a phrase only with all its pairs). */
    function marksOf(d) {
      var found = Object.create(null);
      slots.forEach(function (slot) {
        if (!slot.stop) slot.alts.forEach(function (alt) {
          var present = alt.terms.filter(function (t) { return cache[t] && d in cache[t]; });
          if (alt.any || present.length === alt.terms.length)
            present.forEach(function (t) { t.split(" ").forEach(function (stem) { found[stem] = true; }); });
        });
      });
      return Object.keys(found);
    }
    var results = Object.keys(scores).map(function (d) {
      var doc = self.docs[d];
      var coverage = total ? covered[d] / total : 0;
      var score = scores[d] * Math.pow(coverage, W.coveragePower) * (1 + W.titleMatch * titleMatch(doc));
      var here = self.bare(doc.location);
      sideTopics(doc, here).forEach(function (t) { score *= t.factor; });
      if (symptom && symptoms.docs.test(here)) score *= symptoms.factor;
      var words = {};
      slots.forEach(function (s, k) { if (!s.stop) words[s.word] = !!matched[d][k]; });
      return new Result(doc, score, coverage, words, marksOf, d);
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc.n - b.doc.n; });
    results = this.varied(results);
    /* A reader naming a warning sign after treatment sees, at the latest in place `slot`, the
       best-scoring of the answers that say whether it is normal and when to get help
       (ranking.yml, symptoms); one naming it without saying so, at the latest in `slotNamed`. */
    var slot = symptom ? (report ? symptoms.slot : symptoms.slotNamed) : 0;
    if (slot > 0 && symptoms.answers) {
      /* Not the answer of a side topic the reader did not name (what to do after RF for a
         burning scalp). */
      var isAnswer = function (r) {
        var here = self.bare(r.doc.location);
        return symptoms.answers.test(here) && !sideTopics(r.doc, here).length;
      };
      if (!results.slice(0, slot).some(isAnswer)) {
        for (var i = slot; i < results.length; i++) {
          if (isAnswer(results[i])) { results.splice(slot - 1, 0, results.splice(i, 1)[0]); break; }
        }
      }
    }
    return { results: results, report: report, slots: slots };
  };

  /* The results with the first three saying different things: a result whose text mostly
     repeats one placed above it there (an FAQ answer and the article section it sums up: of
     the words either uses, at least weights.repeatSimilarity are shared) is held back
     weights.repeatDrop places. One at most: when several results say the same thing, holding
     them all would bring weaker results into the first three. */
  Index.prototype.varied = function (results) {
    var W = this.weights, out = [], held = null; /* the result held back, and the place it goes to */
    if (!(W.repeatDrop > 0)) return results;
    function repeats(a, b) {
      var shared = 0;
      a.stems.forEach(function (t) { if (b.stems.has(t)) shared++; });
      var all = a.stems.size + b.stems.size - shared;
      return all > 0 && shared / all >= W.repeatSimilarity;
    }
    results.forEach(function (r) {
      if (!held && out.length < 3 && out.some(function (o) { return repeats(o.doc, r.doc); }))
        held = { at: out.length + W.repeatDrop, result: r };
      else out.push(r);
      if (held && held.at <= out.length) { out.push(held.result); held = null; }
    });
    if (held) out.push(held.result);
    return out;
  };

  /*
   * What the reader sees for a query: the ranked results, or, when none matches at least
   * the fallback share of the query (weights.fallbackCoverage), the three closest and the
   * fallback pages (data.fallback.pages), with fallback set; report says the query names a
   * symptom after treatment (the worker then links the page on when to get help).
   */
  Index.prototype.answer = function (query, typing) {
    var self = this;
    var ranked = this.rank(query, typing), results = ranked.results;
    var fallbackCoverage = this.weights.fallbackCoverage;
    if (results.some(function (r) { return r.coverage >= fallbackCoverage; }))
      return { results: results, fallback: false, report: ranked.report };
    var shown = results.slice(0, 3);
    this.data.fallback.pages.forEach(function (location) {
      var doc = self.docs.filter(function (d) { return d.location === location; })[0];
      if (doc && !shown.some(function (r) { return r.doc === doc; }))
        shown.push({ doc: doc, score: 0, coverage: 0, matched: {}, marks: [] });
    });
    return { results: shown, fallback: true, report: ranked.report };
  };

  /* The other language the reader seems to write in, as {message, page}, or null: at least a
     third of the query's words are words only that language's pages or vocabulary use
     ("precio", "embarazada" on an English page) and that this language cannot read as one of
     its own (no stem, synonym, typing slip or longer word: "microneedeling" is English). */
  Index.prototype.otherLanguage = function (query) {
    var slots = this.parse(query, false);
    for (var i = 0; i < this.others.length; i++) {
      var words = this.others[i].words;
      var theirs = slots.filter(function (s) { return words[s.word] && !s.known && !s.alts.length; });
      if (theirs.length && theirs.length * 3 >= slots.length) return this.others[i];
    }
    return null;
  };

  /* A short extract of a result's text around the first of the words it was found by (`found`:
     a result's `marks`, the stems of the reader's words and of the site's words for them, never
     stop words), with those words marked (HTML, escaped). */
  Index.prototype.teaser = function (doc, found, length) {
    var text = doc.text;
    var stems = Object.create(null);
    found.forEach(function (stem) { stems[stem] = true; });
    var re = /[A-Za-z\u00c0-\u024f0-9]+/g, m, first = -1, spans = [];
    /* A compound name is marked whole, and its parts never alone ("sores" of "cold sores"). */
    var names = [], lower = text.toLowerCase(), self = this;
    if (lower.length === text.length) this.compounds.forEach(function (c) {
      var cm, cre = new RegExp(c.re.source, "g");
      while ((cm = cre.exec(lower))) names.push([cm.index, cm.index + cm[0].length, stems[self.stem(c.word)]]);
    });
    while ((m = re.exec(text))) {
      var at = m.index, name = names.filter(function (n) { return n[0] <= at && at < n[1]; })[0];
      /* A word of a name: the name is marked once, at its first word. */
      var marked = name ? name[2] && name[0] === at : stems[this.stem(fold(m[0]))] || stems[fold(m[0])];
      if (marked) {
        if (first < 0) first = at;
        spans.push(name ? [name[0], name[1]] : [at, at + m[0].length]);
      }
    }
    var start = first < 0 ? 0 : Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 40)) + 1);
    if (start > 0 && first - start > 60) start = first;
    var end = Math.min(text.length, start + length);
    if (end < text.length) end = Math.max(start + 1, text.lastIndexOf(" ", end));
    var out = start > 0 ? "\u2026" : "", pos = start;
    spans.forEach(function (r) {
      if (r[0] < pos || r[1] > end) return;
      out += escapeHtml(text.slice(pos, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
      pos = r[1];
    });
    out += escapeHtml(text.slice(pos, end)) + (end < text.length ? "\u2026" : "");
    return out;
  };

  /* The index's results as rows (their fields in DOC_FIELDS' order) with whole addresses.
     To make the download smaller the build writes them field by field (each
     field's values together, DOC_FIELDS; gzip packs that 5.4 KB smaller than row by row) and a
     section's address after its page's ("#anchor"; its page is the row's fourth field). */
  var DOC_FIELDS = ["address", "title", "text", "page", "searches", "tags", "learned"];
  function wholeAddresses(docs) {
    if (!Array.isArray(docs)) {
      docs = docs.address.map(function (_, n) { return DOC_FIELDS.map(function (f) { return docs[f][n]; }); });
    }
    return docs.map(function (d) {
      return d[3] >= 0 && d[0].charAt(0) === "#" ? [docs[d[3]][0] + d[0]].concat(d.slice(1)) : d;
    });
  }

  function add(counts, term, n) { counts.set(term, (counts.get(term) || 0) + (n || 1)); }

  function unique(list) {
    var seen = Object.create(null);
    return list.filter(function (x) { return seen[x] ? false : (seen[x] = true); });
  }

  return { Index: Index, fold: fold, tokens: tokens, withinEdits: withinEdits, escapeHtml: escapeHtml,
           wholeAddresses: wholeAddresses };
});
