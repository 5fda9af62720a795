/* Unit tests of search/expand.js, which learns the words readers share for a result (node --test search/tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { learn, MIN_SETS, MAX_RELEVANT } = require("../expand.js");

const DOCS = [
  ["safety/help/#dry", "Dry skin", "Dry, flaking skin for a few days is expected.", -1, "flaky skin", []],
  ["safety/help/#fever", "Fever", "A fever after treatment needs a doctor today.", -1, "", []],
  ...Array.from({ length: MAX_RELEVANT }, (_, n) => [`concerns/c${n}/`, `Concern ${n}`, "Pores and lines.", -1, "", []]),
];
const data = { stop: ["my", "is", "it", "like", "after"], docs: DOCS, /* and what an index needs besides */
  weights: { b: 0.75 }, variants: {}, topics: [], synonyms: [] };
/* Sets by different writers: each query lists the results that answer it. */
const sets = (n, query, label) => Array.from({ length: n }, (_, k) => [`set${k}`, [[query, new RegExp(label, "i")]]]);

test("a word is learned for a result when queries of enough sets use it and the result's page does not", () => {
  const learned = learn(data, sets(MIN_SETS, "my skin is like sandpaper", "^/safety/help/#dry$"), "en");
  assert.deepStrictEqual(learned, { "/safety/help/#dry": ["sandpaper"] }); /* not "skin": the page has it */
});

test("one set fewer, a word the result's reader searches have, or too many answers: nothing learned", () => {
  assert.deepStrictEqual(learn(data, sets(MIN_SETS - 1, "sandpaper skin", "^/safety/help/#dry$"), "en"), {});
  assert.deepStrictEqual(learn(data, sets(MIN_SETS, "flakes", "^/safety/help/#dry$"), "en"), {}); /* "flaky" */
  assert.deepStrictEqual(learn(data, sets(MIN_SETS, "sandpaper", "^/safety/|^/concerns/"), "en"), {});
});

test("the same word in one set's many queries is still one set", () => {
  const one = [["set0", Array.from({ length: MIN_SETS + 2 }, (_, k) => [`sandpaper ${k}`, /^\/safety\/help\/#dry$/])]];
  assert.deepStrictEqual(learn(data, one, "en"), {});
});
