/* Unit tests of search/expand.js, which learns what readers share from the query sets (node --test search/tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { learn, MIN_SETS: SETS, MAX_RELEVANT, SYMPTOM_SHARE, MIN_QUERIES, WEIGHT_PRIOR } = require("../expand.js");
const MIN_SETS = SETS.en;

const DOCS = [
  ["safety/help/#dry", "Dry skin", "Dry, flaking skin for a few days is expected.", -1, "flaky skin", []],
  ["safety/help/#fever", "Fever", "A fever after treatment needs a doctor today.", -1, "", []],
  ...Array.from({ length: MAX_RELEVANT }, (_, n) => [`concerns/c${n}/`, `Concern ${n}`, "Pores and lines.", -1, "", []]),
];
const data = { stop: ["my", "is", "it", "like", "after", "the", "for"], docs: DOCS, /* and what an index needs besides */
  weights: { fields: [3, 0.5, 1, 1.5, 0.5], k1: 1.2, b: 0.75, coveragePower: 3, titleMatch: 1, titleFit: 0, pageTitle: 0.5,
    synonym: 0.8, prefix: 0.5, prefixLast: 0.8, fuzzy: 0.7, phrase: 0.5, stopWord: 0.1, fallbackCoverage: 0.5 },
  limits: { maxQueryChars: 200, maxWords: 12, maxWordLength: 30, maxExpansions: 24, minFuzzyLength: 4, twoEditLength: 9,
    minPrefixLength: 4, minPrefixLengthLast: 2, minSplitLength: 6, minSplitPart: 3 },
  variants: {}, topics: [], synonyms: [], fallback: { pages: [] },
  symptoms: { words: "fever flaking", docs: "^safety/", answers: "^safety/help/", maxShare: 1, factor: 1 } };
/* Sets by different writers: each query lists the results that answer it. */
const sets = (n, query, label) => Array.from({ length: n }, (_, k) => [`set${k}`, [[query, new RegExp(label, "i")]]]);
const HELP = "^/safety/help/#dry$";

test("a word is learned for a result when queries of enough sets use it and the result's page does not", () => {
  const learned = learn(data, sets(MIN_SETS, "my skin is like sandpaper", HELP), "en");
  assert.deepStrictEqual(learned.results, { "/safety/help/#dry": ["sandpaper"] }); /* not "skin": the page has it */
});

test("one set fewer, a word the result's reader searches have, or too many answers: nothing learned", () => {
  assert.deepStrictEqual(learn(data, sets(MIN_SETS - 1, "sandpaper skin", HELP), "en").results, {});
  assert.deepStrictEqual(learn(data, sets(MIN_SETS, "flakes", HELP), "en").results, {}); /* "flaky" */
  assert.deepStrictEqual(learn(data, sets(MIN_SETS, "sandpaper", "^/safety/|^/concerns/"), "en").results, {});
});

test("each language has its own number of sets to a word (Spanish has fewer sets, and needs fewer)", () => {
  const lija = (n) => learn(data, sets(n, "my skin is like lija", HELP), "es").results;
  assert.deepStrictEqual(lija(SETS.es), { "/safety/help/#dry": ["lija"] });
  assert.deepStrictEqual(lija(SETS.es - 1), {});
  assert.deepStrictEqual(learn(data, sets(SETS.es, "my skin is like lija", HELP), "en").results, {}); /* English: more */
});

test("the same word in one set's many queries is still one set", () => {
  const one = [["set0", Array.from({ length: MIN_SETS + 2 }, (_, k) => [`sandpaper ${k}`, new RegExp(HELP)])]];
  assert.deepStrictEqual(learn(data, one, "en").results, {});
});

test("a symptom word: used in enough sets by queries about a symptom, and hardly ever by others", () => {
  const about = sets(MIN_SETS, "shivery for days", HELP);
  assert.deepStrictEqual(learn(data, about, "en").symptoms, ["days", "shivery"]);
  /* Already a symptom word ("fever"), or too often in queries not about a symptom: not learned. */
  assert.deepStrictEqual(learn(data, sets(MIN_SETS, "fever", HELP), "en").symptoms, []);
  const others = Math.ceil(MIN_SETS * (1 - SYMPTOM_SHARE) / SYMPTOM_SHARE) + 1;
  const mixed = about.concat(sets(others, "days of pores", "^/concerns/c0/$").map(([n, rows]) => [`other${n}`, rows]));
  assert.deepStrictEqual(learn(data, mixed, "en").symptoms, ["shivery"]);
});

test("a word's weight: from the share of the queries using it whose good answers it finds, over enough sets and queries", () => {
  /* Each of MIN_SETS writers asks about dry skin "yesterday"; the answer never says "yesterday". */
  const per = Math.ceil(MIN_QUERIES / MIN_SETS);
  const asked = (n) => Array.from({ length: n }, (_, k) => [`set${k}`,
    Array.from({ length: per }, (_, j) => [`dry skin yesterday ${j}`, new RegExp(HELP, "i")])]);
  const weights = learn(data, asked(MIN_SETS), "en").weights;
  const queries = per * MIN_SETS;
  assert.deepStrictEqual(weights, { yesterday: Math.round(100 * Math.sqrt(WEIGHT_PRIOR / (queries + WEIGHT_PRIOR))) / 100 });
  /* "dry" and "skin" find the answer: full weight, not listed. One set fewer: nothing learned. */
  assert.deepStrictEqual(learn(data, asked(MIN_SETS - 1), "en").weights, {});
  /* Not a symptom reported ("dry" is not a symptom word here): no weight for reports. */
  assert.deepStrictEqual(learn(data, asked(MIN_SETS), "en").reportWeights, {});
});

test("a word's weight in reports: learned from the queries reporting a symptom only", () => {
  const per = Math.ceil(MIN_QUERIES / MIN_SETS);
  const asked = (n, query) => Array.from({ length: n }, (_, k) => [`set${k}`,
    Array.from({ length: per }, (_, j) => [`${query} ${j}`, new RegExp(HELP, "i")])]);
  const share = Math.round(100 * Math.sqrt(WEIGHT_PRIOR / (per * MIN_SETS + WEIGHT_PRIOR))) / 100;
  const reports = learn(data, asked(MIN_SETS, "flaking cheeks"), "en"); /* "flaking": a symptom word */
  assert.deepStrictEqual(reports.reportWeights, { cheeks: share });
  assert.deepStrictEqual(learn(data, asked(MIN_SETS - 1, "flaking cheeks"), "en").reportWeights, {});
  /* The same word in queries that report nothing: a weight for any query, none for reports. */
  const others = learn(data, asked(MIN_SETS, "dry cheeks"), "en");
  assert.deepStrictEqual([others.weights, others.reportWeights], [{ cheeks: share }, {}]);
});
