/* Unit tests of search/engine.js and search/worker.js (Node's test runner: node --test search/tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { Index, fold, tokens, withinEdits } = require("../engine.js");

const EN = require("../vendor/orama-stemmers-3.1.18/en.cjs").stemmer;
const ES = require("../vendor/orama-stemmers-3.1.18/es.cjs").stemmer;

/* A small site: test weights, not the site's (those are fitted in ranking.yml). */
function fixture(docs, extra = {}) {
  return {
    lang: "en",
    weights: { fields: [3, 0.5, 1, 1.5, 0.5], k1: 1.2, b: 0.75, coveragePower: 3, titleMatch: 1, titleFit: 0, pageTitle: 0.5, synonym: 0.8, prefix: 0.5,
      prefixLast: 0.8, fuzzy: 0.7, phrase: 0.5, stopWord: 0.1, fallbackCoverage: 0.5 },
    limits: { maxQueryChars: 200, maxWords: 12, maxWordLength: 30, maxExpansions: 24, minFuzzyLength: 4, twoEditLength: 9,
      minPrefixLength: 4, minPrefixLengthLast: 2, minSplitLength: 6, minSplitPart: 3 },
    topics: [{ docs: "coring", query: "coring", factor: 0.5 }],
    stop: ["does", "it", "for", "after", "a", "the", "i", "is", "my"],
    variants: { b4: "before", dont: "do not" },
    fallback: { message: "No page matches all of your words.", pages: ["concerns/", "safety/help/"] },
    synonyms: [
      { match: ["radiofrequency micro-needling"], add: ["morpheus8", "morpheus 8"] },
      { match: ["cold sore"], add: ["fever blister"] },
      { match: ["isotretinoin"], add: ["accutane"] },
    ],
    docs: docs || [
      ["concerns/", "Browse by concern", "Pick the concern you care about.", -1, "", []],
      ["concerns/pores/", "Enlarged pores", "Micro-needling may help pores look smaller. It does not work for every day face care.", -1, "", []],
      ["concerns/wrinkles/", "Wrinkles", "Studies suggest it can help fine lines and wrinkles on the face after a few months.", -1, "", []],
      ["claims/#work", "Does it work?", "Whether it works for the face depends on the day and help you get; it may help.", -1, "", []],
      ["safety/help/", "When to get medical help", "Get help the same day for a fever, pus or spreading redness.", -1, "", []],
      ["safety/help/#fever", "Fever or pus after treatment", "A fever, pus or yellow crusts can mean an infection. Call your clinic today.", 4, "hot skin chills", []],
      ["treatments/rf/", "Radiofrequency micro-needling", "Radiofrequency micro-needling heats the skin with needles.", -1, "", []],
      ["safety/cold-sores/", "Cold sore flare-ups", "A cold sore can come back after treatment.", -1, "", []],
      ["safety/drugs/", "Medicines", "Isotretinoin taken in the last six months needs a talk with your doctor.", -1, "", []],
      ["treatments/coring/", "Micro-coring sessions", "Micro-coring sessions take about an hour.", -1, "", []],
      ["faq/sessions/", "How many sessions do I need?", "Most people need about three sessions.", -1, "", []],
      ["guide/", "Después del tratamiento", "Qué hacer después.", -1, "", []],
    ],
    ...extra,
  };
}
const top = (index, q, n = 3) => index.answer(q, false).results.slice(0, n).map((r) => r.doc.location);

test("text is folded: lower case, accents and apostrophes gone", () => {
  assert.strictEqual(fold("Después DON'T"), "despues dont");
  assert.deepStrictEqual(tokens("0.5 mm, micro-needling!"), ["0.5", "mm", "micro", "needling"]);
});

test("a rare word outweighs common ones", () => {
  const index = new Index(fixture(), EN);
  assert.strictEqual(top(index, "does it help open pores")[0], "concerns/pores/");
  assert.strictEqual(top(index, "does it help wrinkles")[0], "concerns/wrinkles/");
});

test("a symptom finds the answer that says what to do", () => {
  const index = new Index(fixture(), EN);
  assert.ok(top(index, "pus 4 days after microneedling")[0].startsWith("safety/help/"));
  assert.strictEqual(top(index, "skin hot to touch")[0], "safety/help/#fever"); /* from the reader searches */
});

test("stems, hyphenated compounds and typos find the page's words", () => {
  const index = new Index(fixture(), EN);
  assert.strictEqual(top(index, "wrinkle")[0], "concerns/wrinkles/");
  assert.strictEqual(top(index, "microneedling radiofrequency")[0], "treatments/rf/");
  assert.strictEqual(top(index, "wrinkels")[0], "concerns/wrinkles/");
  assert.strictEqual(top(index, "isotretinion")[0], "safety/drugs/");
});

test("a word the site never uses is covered in full by the site's word for it", () => {
  const index = new Index(fixture(), EN);
  const [drugs] = index.search("accutane", false); /* the synonym still scores less than the word */
  assert.strictEqual(drugs.doc.location, "safety/drugs/");
  assert.strictEqual(drugs.coverage, 1);
  assert.strictEqual(index.search("isotretinoin accutane", false)[0].coverage, 1);
  assert.ok(index.search("isotretinoin morpheus8", false)[0].coverage < 1);
});

test("the first three give different answers: a result repeating one above it is held back", () => {
  const docs = [
    ["faq/sun/", "Sun after treatment", "Keep out of the sun for a week after treatment and wear sunscreen every day.", -1, "", []],
    ["guide/sun/", "Sun", "Keep out of the sun for a week after treatment, and wear sunscreen every day.", -1, "", []],
    ["guide/tanning/", "Tanning before treatment", "A tan or sunburn before treatment raises the risk of dark patches.", -1, "", []],
    ["guide/makeup/", "Makeup", "Wait a day after treatment before makeup.", -1, "", []],
  ];
  const data = fixture(docs);
  const plain = top(new Index(data, EN), "sun after treatment", 4);
  assert.deepStrictEqual(plain.slice(0, 2), ["faq/sun/", "guide/sun/"]); /* the same answer twice */
  assert.strictEqual(plain.length, 4);
  const varied = new Index({ ...data, weights: { ...data.weights, repeatSimilarity: 0.5, repeatDrop: 2 } }, EN);
  assert.deepStrictEqual(top(varied, "sun after treatment", 4), [plain[0], plain[2], plain[3], plain[1]]);
  /* Three results saying the same thing: one is held back, not two. */
  const three = fixture([...docs, ["guide/sun-care/", "Sun care", "Keep out of the sun for a week after treatment; wear sunscreen every day.", -1, "", []]]);
  const after = top(new Index({ ...three, weights: { ...three.weights, repeatSimilarity: 0.5, repeatDrop: 2 } }, EN), "sun after treatment", 5);
  assert.strictEqual(after.slice(0, 3).filter((d) => /sun/.test(d)).length, 2);
});

test("brand names and readers' phrases lead to the site's words", () => {
  const index = new Index(fixture(), EN);
  assert.strictEqual(top(index, "morpheus8")[0], "treatments/rf/");
  assert.strictEqual(top(index, "accutane last year")[0], "safety/drugs/");
  assert.strictEqual(top(index, "fever blister")[0], "safety/cold-sores/");
  assert.strictEqual(top(index, "fever")[0], "safety/help/#fever"); /* "fever" alone is not a cold sore */
});

test("a title with the site's word for the reader's (a brand's, a typing slip's) fits the query", () => {
  /* The same text, and the title field not counted: only the title match tells them apart. */
  const docs = [
    ["treatments/coring/#about", "What it is about", "Micro-coring takes out tiny cores of wrinkled skin.", -1, "", []],
    ["treatments/coring/#what", "What micro-coring is", "Micro-coring takes out tiny cores of wrinkled skin.", -1, "", []],
    ["concerns/lines/", "Lines", "Micro-coring takes out tiny cores of wrinkled skin.", -1, "", []],
    ["concerns/wrinkles/", "Wrinkles", "Micro-coring takes out tiny cores of wrinkled skin.", -1, "", []],
  ];
  const synonyms = [{ match: ["micro-coring"], add: ["ellacor"] }];
  const plain = fixture(docs, { synonyms });
  const index = new Index({ ...plain, weights: { ...plain.weights, fields: [0, 0.5, 1, 1.5, 0.5] } }, EN);
  assert.strictEqual(top(index, "what is ellacor")[0], "treatments/coring/#what");
  assert.strictEqual(top(index, "wrinkels")[0], "concerns/wrinkles/");
  assert.strictEqual(top(index, "what is it about")[0], "treatments/coring/#about");
});

test("a reader phrase of stop words only is matched word for word", () => {
  const synonyms = fixture().synonyms.concat([{ match: ["medicines"], add: ["is it for my"] }]);
  const index = new Index(fixture(undefined, { synonyms }), EN);
  const plain = new Index(fixture(), EN);
  assert.notStrictEqual(top(plain, "is it for my pores")[0], "safety/drugs/");
  assert.strictEqual(top(index, "is it for my pores")[0], "safety/drugs/"); /* the phrase counts */
  assert.strictEqual(top(index, "is it for my")[0], "safety/drugs/"); /* stop words only */
  assert.strictEqual(top(index, "it is my pores")[0], "concerns/pores/"); /* not in that order */
});

test("a reader phrase with text-speak matches the query it was written for", () => {
  const synonyms = fixture().synonyms.concat([{ match: ["isotretinoin"], add: ["pills b4"] }]);
  const index = new Index(fixture(undefined, { synonyms }), EN);
  assert.strictEqual(top(index, "pills b4")[0], "safety/drugs/"); /* the query reads "pills before" */
});

test("a query that names a warning sign puts the safety answers first", () => {
  const docs = fixture().docs.concat([
    ["concerns/pores/#fever-myths", "Myths about pores", "Some say a fever opens the pores. Pores do not open.", 1, "", []],
  ]);
  const weights = { ...fixture().weights, coveragePower: 0.5 };
  const plain = new Index(fixture(docs, { weights }), EN);
  const data = fixture(docs, { weights, symptoms: { words: "a fever or pus", docs: "^safety/", factor: 4, maxShare: 1 } });
  const index = new Index(data, EN);
  assert.strictEqual(top(plain, "pores fever")[0], "concerns/pores/#fever-myths");
  assert.strictEqual(top(index, "pores fever")[0], "safety/help/#fever");
  assert.strictEqual(top(index, "pores")[0], "concerns/pores/"); /* no warning sign named */
});

/* Three sections on pores that name "hot" skin and rank above the safety answers. */
const HOT_PORES = [
    ["concerns/pores/#hot-a", "Hot skin and pores", "Hot skin after a peel can make pores look open.", 1, "", []],
    ["concerns/pores/#hot-b", "Hot towels and pores", "Hot towels after a facial do not open pores.", 1, "", []],
    ["concerns/pores/#hot-c", "Hot weather and pores", "Hot weather after summer shows pores more.", 1, "", []],
];

test("a warning sign reported after treatment brings a when-to-get-help answer into the top three", () => {
  const docs = fixture().docs.concat(HOT_PORES);
  const symptoms = { words: "skin that feels hot", docs: "^safety/", factor: 1, maxShare: 1, slot: 3,
    answers: "^safety/help/", after: "\\b(after|since|still)\\b" };
  const index = new Index(fixture(docs, { symptoms }), EN);
  const plain = new Index(fixture(docs, { symptoms: { ...symptoms, slot: 0 } }), EN);
  const helps = (ix, q) => top(ix, q).slice(0, 3).some((l) => l.startsWith("safety/help/"));
  assert.ok(!helps(plain, "hot pores after microneedling"));
  assert.ok(helps(index, "hot pores after microneedling"));
  assert.ok(!helps(index, "hot pores")); /* no "after": not a report after treatment */
  assert.strictEqual(index.answer("hot pores after microneedling").report, true);
  assert.strictEqual(index.answer("hot pores").report, false);
  assert.strictEqual(index.answer("pores after microneedling").report, false); /* no warning sign */
});

test("a warning sign named without saying it is after treatment brings a when-to-get-help answer into place slotNamed", () => {
  const docs = fixture().docs.concat(HOT_PORES);
  const symptoms = { words: "skin that feels hot", docs: "^safety/", factor: 1, maxShare: 1, slot: 2, slotNamed: 3,
    answers: "^safety/help/", after: "\\b(after|since|still)\\b" };
  const index = new Index(fixture(docs, { symptoms }), EN);
  const off = new Index(fixture(docs, { symptoms: { ...symptoms, slotNamed: 0 } }), EN);
  const place = (ix, q) => top(ix, q, 10).findIndex((l) => l.startsWith("safety/help/")) + 1;
  assert.ok(place(off, "hot pores") > 3);
  assert.strictEqual(place(index, "hot pores"), 3);
  assert.strictEqual(index.answer("hot pores").report, false); /* no help link above the results */
  assert.ok(place(index, "hot pores after microneedling") <= 2); /* a report: place `slot` */
  assert.ok(place(index, "pores") === 0 || place(index, "pores") > 3); /* no warning sign named */
});

test("the answer brought up for a report is not a side topic's the reader did not name", () => {
  const docs = fixture().docs.concat(HOT_PORES, [
    ["safety/help/#after-coring", "After micro-coring", "Hot skin and pores after coring: call the clinic.", 4, "", []],
  ]);
  const symptoms = { words: "skin that feels hot", docs: "^safety/", factor: 1, maxShare: 1, slot: 2,
    answers: "^safety/help/", after: "\\bafter\\b" };
  const index = new Index(fixture(docs, { symptoms }), EN);
  const second = (q) => top(index, q)[1];
  assert.ok(second("hot pores after microneedling").startsWith("safety/help"));
  assert.notStrictEqual(second("hot pores after microneedling"), "safety/help/#after-coring");
  assert.ok(top(index, "hot pores after coring").slice(0, 2).includes("safety/help/#after-coring")); /* named */
});

test("the language's own symptom words count however common they are", () => {
  const symptoms = { words: "a fever or pus", docs: "^safety/", factor: 1, maxShare: 0.01, slot: 2,
    answers: "^safety/help/", after: "\\bafter\\b" };
  const plain = new Index(fixture(undefined, { symptoms }), EN);
  const index = new Index(fixture(undefined, { symptoms: { ...symptoms, always: "face fever" } }), EN);
  assert.strictEqual(plain.answer("face after microneedling").report, false); /* "face": too common */
  assert.strictEqual(index.answer("face after microneedling").report, true);
  assert.strictEqual(index.answer("face").report, false); /* no "after" */
});

test("words readers share find a result, do not change which page words name a symptom, and learned symptom words count", () => {
  const symptoms = { words: "pus", docs: "^safety/", factor: 1, maxShare: 0.2, slot: 2,
    answers: "^safety/help/", after: "\\bafter\\b" };
  const learned = (docs, words) => docs.map((d) => [...d, d[0].startsWith("concerns/") || d[0].startsWith("treatments/") ? words : ""]);
  const plain = new Index(fixture(undefined, { symptoms }), EN);
  const index = new Index(fixture(learned(fixture().docs, "pus sandpaper"), { symptoms }), EN);
  assert.strictEqual(plain.answer("sandpaper").fallback, true); /* no result has the word */
  assert.strictEqual(index.answer("sandpaper").fallback, false); /* the learned words are searched */
  assert.ok(top(index, "sandpaper").every((l) => /^(concerns|treatments)\//.test(l)));
  assert.ok(index.df[EN("pus")] > 0.2 * index.docs.length); /* common once learned words count ... */
  assert.strictEqual(index.answer("pus after microneedling").report, true); /* ... still a symptom word */
  assert.strictEqual(plain.answer("pus after microneedling").report, true);
  /* A learned symptom word counts, found in a page or only in the words readers share. */
  assert.strictEqual(index.answer("sandpaper after microneedling").report, false);
  const taught = new Index(fixture(learned(fixture().docs, "pus sandpaper"), { symptoms: { ...symptoms, learned: "sandpaper" } }), EN);
  assert.strictEqual(taught.answer("sandpaper after microneedling").report, true);
  assert.strictEqual(taught.answer("sandpaper").report, false); /* not told as after treatment */
});

test("a word readers use around their question counts as much as its learned weight", () => {
  /* "jaw", "yesterday": readers name them beside the symptom, the answers rarely do. */
  const plain = new Index(fixture(), EN), weighed = new Index({ ...fixture(), readerWeights: { wrinkles: 0.1 } }, EN);
  assert.strictEqual(top(plain, "wrinkles pus")[0], "concerns/wrinkles/");
  assert.strictEqual(top(weighed, "wrinkles pus")[0], "safety/help/#fever");
  assert.strictEqual(top(weighed, "wrinkles")[0], "concerns/wrinkles/"); /* alone, it still finds its page */
});

test("in a query reporting a symptom, a word counts as much as its weight learned from such queries", () => {
  /* Readers name the treated concern around a symptom ("wrinkles" and pus after treatment); asked
     about before treatment, the concern is the question. */
  const symptoms = { words: "pus", docs: "^safety/", factor: 1, maxShare: 1, slot: 0,
    answers: "^safety/help/", after: "\\bafter\\b" };
  const plain = new Index(fixture(undefined, { symptoms }), EN);
  const index = new Index(fixture(undefined, { symptoms, reportWeights: { wrinkles: 0.1 } }), EN);
  assert.strictEqual(top(plain, "wrinkles pus after")[0], "concerns/wrinkles/");
  assert.strictEqual(top(index, "wrinkles pus after")[0], "safety/help/#fever");
  assert.strictEqual(top(index, "wrinkles pus")[0], "concerns/wrinkles/"); /* no "after": not a report */
  /* A word without a weight of its own in reports keeps its weight in any query. */
  const general = new Index(fixture(undefined, { symptoms, readerWeights: { wrinkles: 0.1 } }), EN);
  assert.strictEqual(top(general, "wrinkles pus after")[0], "safety/help/#fever");
});

test("a side topic counts less unless the query names it", () => {
  const index = new Index(fixture(), EN);
  assert.strictEqual(top(index, "how many sessions")[0], "faq/sessions/");
  assert.strictEqual(top(index, "coring sessions")[0], "treatments/coring/");
});

test("the last word may be still being typed", () => {
  const index = new Index(fixture(), EN);
  assert.strictEqual(index.answer("wrin", true).results[0].doc.location, "concerns/wrinkles/");
});

test("no good match shows the closest topics, browsing by concern and medical help", () => {
  const index = new Index(fixture(), EN);
  const found = index.answer("xyzzy qwertyuiop", false);
  assert.strictEqual(found.fallback, true);
  const locations = found.results.map((r) => r.doc.location);
  assert.deepStrictEqual(locations.slice(-2), ["concerns/", "safety/help/"]);
  assert.strictEqual(index.answer("wrinkles", false).fallback, false);
});

test("a result with all of the reader's words is shown, even below one with fewer", () => {
  const data = fixture([
    ["faq/results/", "Results", "Results take months. Results vary. Results last.", -1, "results results", []],
    ["concerns/dark/", "Dark patches and melasma", "Brown patches on the cheeks and forehead can come from sun, hormones or an injury to the skin. Hyperpigmentation can fade over many months with sun protection and care from a clinician; results vary from one person to the next.", -1, "", []],
    ["concerns/", "Browse by concern", "Pick the concern you care about.", -1, "", []],
    ["safety/help/", "When to get medical help", "Get help the same day for a fever.", -1, "", []],
    ["faq/cost/", "Cost", "Prices vary by clinic.", -1, "", []],
  ]);
  data.weights.coveragePower = 0.5;
  const found = new Index(data, EN).answer("hyperpigmentation results", false);
  assert.strictEqual(found.results[0].doc.location, "faq/results/"); /* the common word, many times */
  assert.ok(found.results[0].coverage < data.weights.fallbackCoverage);
  assert.strictEqual(found.fallback, false); /* not "no page matches all of your words" */
  assert.ok(found.results.some((r) => r.doc.location === "concerns/dark/"));
});

test("work is bounded: a pasted 5,000-letter word or 500 words answer at once", () => {
  const index = new Index(fixture(), EN);
  let start = Date.now();
  index.answer("a".repeat(5000), true);
  index.answer("pores ".repeat(500), true);
  index.answer("wrinklesx".repeat(300), true);
  assert.ok(Date.now() - start < 500, `took ${Date.now() - start} ms`);
  const slots = index.parse("word ".repeat(100), true);
  assert.ok(slots.length <= 12);
  slots.forEach((s) => s.alts.forEach((a) => assert.ok(a.terms.length <= 24)));
});

test("a long spoken question keeps its last words: stop words do not count against the limit", () => {
  const index = new Index(fixture(), EN);
  const q = "i had it done a week ago and now i think my skin is red and i have a fever";
  const words = index.parse(q, false).filter((s) => !s.stop).map((s) => s.word);
  assert.ok(words.includes("fever"), words.join(" "));
  assert.ok(top(index, q)[0].startsWith("safety/help/"));
  assert.ok(index.parse("i ".repeat(20) + "word ".repeat(20), false).filter((s) => !s.stop).length <= 12);
});

test("edit distance is bounded and counts a swap as one edit", () => {
  assert.ok(withinEdits("wrinkels", "wrinkles", 1));
  assert.ok(!withinEdits("pores", "wrinkles", 2));
  assert.ok(withinEdits("melasama", "melasma", 1));
});

test("Spanish: accents folded and words stemmed the Spanish way", () => {
  const index = new Index(fixture(undefined, { lang: "es", stop: ["de", "del", "que"] }), ES);
  assert.strictEqual(top(index, "despues tratamientos")[0], "guide/");
});

test("a section's address, stored after its page's (\"#anchor\"), is read whole", () => {
  const short = fixture().docs.map((d) => (d[3] >= 0 ? [d[0].slice(d[0].indexOf("#")), ...d.slice(1)] : d));
  assert.strictEqual(short[5][0], "#fever");
  const index = new Index(fixture(short), EN);
  assert.ok(top(index, "fever pus").includes("safety/help/#fever"), top(index, "fever pus"));
  assert.deepStrictEqual(top(index, "fever pus"), top(new Index(fixture(), EN), "fever pus"));
});

test("the results as the build writes them, field by field, are read as rows", () => {
  const rows = fixture().docs;
  const fields = ["address", "title", "text", "page", "searches", "tags", "learned"];
  const byField = Object.fromEntries(fields.map((f, n) => [f, rows.map((d) => (d[n] === undefined ? "" : d[n]))]));
  const index = new Index(fixture(byField), EN);
  assert.strictEqual(index.docs.length, rows.length);
  assert.strictEqual(index.docs[5].location, rows[5][0]);
  assert.deepStrictEqual(top(index, "fever pus"), top(new Index(fixture(), EN), "fever pus"));
});

test("an extract marks the reader's words and escapes the page's text", () => {
  const index = new Index(fixture([["a/", "T", "Use <b>sunscreen</b> & wait.", -1, "", []]]), EN);
  assert.strictEqual(index.teaser(index.docs[0], ["sunscreen"], 100), "Use &lt;b&gt;<mark>sunscreen</mark>&lt;/b&gt; &amp; wait.");
});

test("an extract marks the words a result was found by: the site's word for the reader's, never a stop word", () => {
  const docs = [["a/", "Swelling", "It is common and it goes down: swelling lasts a few days.", -1, "", []]];
  const synonyms = [{ match: ["swelling"], add: ["puffy"] }];
  const index = new Index(fixture(docs, { synonyms, stop: ["and", "it", "is", "a"] }), EN);
  const [result] = index.answer("puffy and it is", false).results;
  const teaser = index.teaser(result.doc, result.marks, 100);
  assert.ok(teaser.includes("<mark>swelling</mark>"), teaser);
  assert.ok(!teaser.includes("<mark>and</mark>") && !teaser.includes("<mark>It</mark>"), teaser);
});

test("a compound name is one word in pages and queries: its parts alone do not find it, and it is marked whole", () => {
  const docs = [
    ["safety/cold-sores/", "Cold sores", "Wait until cold sores have healed before treatment.", -1, "", []],
    ["after/pain/", "Pain afterwards", "The skin may feel sore or tender for a few days.", -1, "", []],
  ];
  const plain = new Index(fixture(docs, { synonyms: [] }), EN);
  const index = new Index(fixture(docs, { synonyms: [], compounds: ["cold sore", "cold sores"] }), EN);
  const found = (ix, q) => ix.answer(q, false).results.filter((r) => r.coverage > 0).map((r) => r.doc.location);
  assert.deepStrictEqual(found(plain, "sore").sort(), ["after/pain/", "safety/cold-sores/"]);
  assert.deepStrictEqual(found(index, "sore"), ["after/pain/"]);
  assert.deepStrictEqual(found(index, "cold sore"), ["safety/cold-sores/"]);
  assert.deepStrictEqual(found(index, "cold-sores"), ["safety/cold-sores/"]);
  const [cold] = index.answer("cold sore", false).results;
  assert.ok(index.teaser(cold.doc, cold.marks, 100).includes("<mark>cold sores</mark>"), index.teaser(cold.doc, cold.marks, 100));
  const sore = index.answer("sore", false).results[0];
  assert.ok(!index.teaser(index.docs[0], sore.marks, 100).includes("<mark>"), index.teaser(index.docs[0], sore.marks, 100));
});

test("a word with a stem of its own is not found by words the stemmer cuts the same (Spanish 'pus', 'puse')", () => {
  assert.strictEqual(ES("pus"), ES("puse")); /* why the list exists: "me puse crema" is not pus */
  const docs = [
    ["es/faq/crema/", "¿Qué me puedo poner?", "Me puse crema y vaselina en la piel.", -1, "", []],
    ["es/safety/ayuda/", "Busque ayuda", "Pus, fiebre o costras amarillas: llame hoy.", -1, "", []],
  ];
  const data = { lang: "es", stop: ["me", "en", "la", "y", "o"], synonyms: [] };
  const plain = new Index(fixture(docs, data), ES);
  const index = new Index(fixture(docs, { ...data, ownStems: [["pus"]] }), ES);
  const found = (ix, q) => ix.answer(q, false).results.filter((r) => r.coverage > 0).map((r) => r.doc.location);
  assert.deepStrictEqual(found(plain, "pus").sort(), ["es/faq/crema/", "es/safety/ayuda/"]);
  assert.deepStrictEqual(found(index, "pus"), ["es/safety/ayuda/"]);
  assert.deepStrictEqual(found(index, "me puse crema"), ["es/faq/crema/"]);
  const [pus] = index.answer("pus", false).results;
  assert.ok(index.teaser(pus.doc, pus.marks, 100).includes("<mark>Pus</mark>"), index.teaser(pus.doc, pus.marks, 100));
});

/* The worker as the build makes it (search/hook.py: engine_source, worker_source), in a sandbox. */
function worker(fetched, extra = {}) {
  const cjs = fs.readFileSync(path.join(__dirname, "..", "vendor", "orama-stemmers-3.1.18", "en.cjs"), "utf8");
  const engine = `var MNG_STEM = (function () { var exports = {};\n${cjs}\nreturn exports.stemmer; })();\n` +
    fs.readFileSync(path.join(__dirname, "..", "engine.js"), "utf8");
  const source = 'var MNG_INDEX_URL = "index.json";\nvar MNG_ENGINE_URL = "engine.js";\n' +
    fs.readFileSync(path.join(__dirname, "..", "worker.js"), "utf8");
  const sent = [];
  const handlers = [];
  const sandbox = {
    console, postMessage: (m) => sent.push(m),
    addEventListener: (type, fn) => handlers.push(fn),
    fetch: async (url) => { fetched.push(url); return { ok: true, json: async () => fixture(undefined, extra) }; },
    importScripts: (url) => { fetched.push(url); vm.runInContext(engine, sandbox); },
  };
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox);
  return { sent, send: (m) => handlers.forEach((h) => h({ data: m })) };
}
const settle = () => new Promise((r) => setTimeout(r, 20));

test("the worker loads neither index nor engine until a query, then answers in Material's format", async () => {
  const fetched = [];
  const w = worker(fetched);
  w.send({ type: 0, data: { config: {}, docs: [] } });
  w.send({ type: 2, data: "" });
  await settle();
  assert.deepStrictEqual(JSON.parse(JSON.stringify(w.sent.map((m) => m.type))), [1, 3]);
  assert.deepStrictEqual(fetched, []);
  w.send({ type: 2, data: "wrinkles" });
  await settle();
  assert.deepStrictEqual(fetched, ["index.json", "engine.js"]);
  const result = w.sent[w.sent.length - 1];
  assert.strictEqual(result.type, 3);
  assert.strictEqual(result.data.items[0][0].location, "concerns/wrinkles/");
  assert.deepStrictEqual(JSON.parse(JSON.stringify(result.data.items[0][0].terms)), { wrinkles: true });
});

test("the worker links the help page above a warning sign reported after treatment, and only then", async () => {
  const report = { message: "Worried? When to get help.", page: "safety/help/" };
  const symptoms = { words: "fever pus", docs: "^safety/", factor: 1, maxShare: 1, slot: 3,
    answers: "^safety/help/", after: "\\b(after|since|still)\\b" };
  const w = worker([], { report, symptoms });
  w.send({ type: 2, data: "pus after treatment" });
  await settle();
  let items = w.sent[w.sent.length - 1].data.items;
  assert.match(items[0][0].title, /mng-search-help" hidden data-message="Worried\? When to get help." data-page="safety\/help\/"/);
  w.send({ type: 2, data: "wrinkles after treatment" });
  await settle();
  items = w.sent[w.sent.length - 1].data.items;
  assert.doesNotMatch(items.map((i) => i[0].title).join(" "), /mng-search-help/);
});

test("words only another language uses, a third of the query or more, point to that language's search", () => {
  const others = [{ words: ["precio", "duele", "de", "microneedeling", "son"], message: "¿Busca en español?", page: "es/" }];
  const index = new Index(fixture(undefined, { others }), EN);
  assert.strictEqual(index.otherLanguage("precio micro-needling").page, "es/");
  assert.strictEqual(index.otherLanguage("duele"), index.otherLanguage("precio"));
  assert.strictEqual(index.otherLanguage("price of micro-needling"), null);
  assert.strictEqual(index.otherLanguage("microneedeling"), null); /* a typing slip of an English word */
  assert.strictEqual(index.otherLanguage("my son wants micro-needling for his wrinkles"), null); /* one word in six */
});

test("the worker links the other language's search, with the query, and the help page first", async () => {
  const others = [{ words: ["precio"], message: "¿Busca en español?", page: "es/" }];
  const w = worker([], { others });
  w.send({ type: 2, data: "precio wrinkles" });
  await settle();
  const items = w.sent[w.sent.length - 1].data.items;
  assert.match(items[0][0].title, /mng-search-lang" hidden data-message="¿Busca en español\?" data-page="es\/\?q=precio%20wrinkles"/);
});

test("the worker marks a fallback answer with its message", async () => {
  const w = worker([]);
  w.send({ type: 2, data: "zzzz qqqq" });
  await settle();
  const items = w.sent[w.sent.length - 1].data.items;
  assert.match(items[0][0].title, /mng-search-fallback" hidden data-message="No page matches all of your words."/);
  assert.strictEqual(items[items.length - 1][0].location, "safety/help/");
});
