/* Unit tests of search/fit.js, which fits the weights on the development sets (node --test search/tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { learnedWords } = require("../fit.js");
const MIN_SETS = require("../expand.js").MIN_SETS.en; /* the fit is English */

const data = { stop: ["my", "is", "like"], variants: {}, topics: [], synonyms: [], fallback: { pages: [] },
  weights: { fields: [3, 0.5, 1, 1.5, 0.5], k1: 1.2, b: 0.75, coveragePower: 3, titleMatch: 1, titleFit: 0, pageTitle: 0.5,
    synonym: 0.8, prefix: 0.5, prefixLast: 0.8, fuzzy: 0.7, phrase: 0.5, stopWord: 0.1, fallbackCoverage: 0.5 },
  limits: { maxQueryChars: 200, maxWords: 12, maxWordLength: 30, maxExpansions: 24, minFuzzyLength: 4, twoEditLength: 9,
    minPrefixLength: 4, minPrefixLengthLast: 2, minSplitLength: 6, minSplitPart: 3 },
  docs: [["safety/help/#dry", "Dry skin", "Dry, flaking skin for a few days is expected.", -1, "", []]],
  symptoms: { words: "flaking", docs: "^safety/", answers: "^safety/help/", maxShare: 1, factor: 1 } };

test("each fit set is searched with the words of the other sets, never its own", () => {
  /* MIN_SETS writers use "sandpaper" for the answer; one more set does not. */
  const named = Array.from({ length: MIN_SETS }, (_, k) => [`set${k}`, [["my skin is like sandpaper", /^\/safety\/help\/#dry$/i]]])
    .concat([["other", [["dry skin", /^\/safety\/help\/#dry$/i]]]]);
  const words = learnedWords(data, named);
  const sandpaper = (learned) => (learned.results["/safety/help/#dry"] || []).includes("sandpaper");
  /* A set that used it has only MIN_SETS - 1 others that did; the last set has MIN_SETS. */
  assert.deepStrictEqual(words.fit.map(sandpaper), [...Array(MIN_SETS).fill(false), true]);
  assert.ok(sandpaper(words.all)); /* the kept-out sets: learned from all fit sets */
});

test("each page's name (its title, and its title without stop words) is a query for that page, and is counted", () => {
  const { names, namesFound } = require("../fit.js");
  const { Index } = require("../engine.js");
  const STEM = require("../vendor/orama-stemmers-3.1.18/en.cjs").stemmer;
  const site = { ...data, docs: [
    ["treatments/what/", "What is micro-needling?", "A device makes many fine wounds.", -1, "", []],
    ["treatments/what/#devices", "Pens and rollers", "Micro-needling with a pen or a roller.", 0, "", []],
    ["safety/help/#dry", "Dry skin", "Dry, flaking skin for a few days is expected.", -1, "", []]] };
  const rows = names({ ...site, stop: ["what", "is"] });
  /* Sections are not pages; "what is" are stop words here, so the page has two names. */
  assert.deepStrictEqual(rows.map(([q]) => q), ["what is micro-needling", "micro-needling"]);
  assert.ok(rows.every(([, re]) => re.test("/treatments/what/") && !re.test("/treatments/what/#devices")));
  const found = (weights) => namesFound(new Index({ ...site, weights: { ...data.weights, ...weights } }, STEM), rows);
  assert.deepStrictEqual(found({}), { first: 2, top3: 2 });
  /* A weight that lets the section's text outrank the page's title for the name: counted. */
  assert.ok(found({ fields: [0, 0, 1, 0, 0], titleMatch: 0, pageTitle: 0 }).first < 2);
});
