/* Unit tests of search/fit.js, which fits the weights on the development sets (node --test search/tests). */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { learnedWords } = require("../fit.js");
const { MIN_SETS } = require("../expand.js");

const data = { stop: ["my", "is", "like"], variants: {}, topics: [], synonyms: [], weights: { b: 0.75 },
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
