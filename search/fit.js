/*
 * Fits the search weights (search/data/ranking.yml, those marked "fitted") on the
 * development query sets, and reports them on the sets kept out of the fit.
 *
 * Usage: node search/fit.js SITE_DIR [--rounds N] [--report] [--set NAME=VALUE ...]
 *   SITE_DIR  a built site (its search/index.en.*.json holds the pages, vocabulary and weights)
 *   --report  only print the figures of the current weights
 *   --set     change a weight before fitting or reporting (fields.3=0: no reader searches)
 *
 * The objective is the mean over the fit sets of (hit@3 + MRR@10) / 2, each set counting
 * once whatever its size. Coordinate search: each weight in turn is tried at the values of
 * its grid, keeping the best, for N rounds. It prints the weights to copy into ranking.yml.
 * The sets of the last three rounds (bench/queries-unseen-symptoms6 to 11, -decisions4 and 5,
 * -short4 and 5, -mixed) and the Spanish -es are never read here.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { Index } = require("./engine.js");
const { readQueries } = require("../bench/search_node.js");

const ROOT = path.resolve(__dirname, "..");
const STEM = require("./vendor/orama-stemmers-3.1.18/en.cjs").stemmer;
const bench = (name) => path.join(ROOT, "bench", `queries${name}.tsv`);
const FIT = ["", "-sections", "-sections2", "-holdout", "-final", "-fresh",
  ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => `-fresh${n}`),
  "-unseen-symptoms", "-unseen-symptoms2", /* read, so development sets */
  "-unseen-symptoms3", "-unseen-decisions", "-unseen-short", /* measured at a round's start and end: now development sets */
  "-unseen-symptoms4", "-unseen-decisions2", "-unseen-short2", /* the same, one round later */
  "-unseen-symptoms5", "-unseen-decisions3", "-unseen-short3"].map(bench); /* and two rounds later */
const KEPT_OUT = [path.join(ROOT, "..", "shared", "search-queries.tsv"),
  ...[14, 15, 16, 17, 18].map((n) => bench(`-fresh${n}`))];

/* The grid of each fitted weight; fields are [title, page, text, asked, tags]. */
const GRID = {
  "fields.0": [0.5, 1, 1.5, 2, 3, 4, 6, 8],
  "fields.1": [0, 0.5, 1, 1.5, 2, 3],
  "fields.3": [0.5, 1, 1.5, 2, 3, 4],
  "fields.4": [0, 0.5, 1, 2],
  k1: [0.6, 0.9, 1.2, 1.6, 2.0],
  b: [0.3, 0.5, 0.75, 0.9],
  coveragePower: [0, 0.25, 0.5, 1, 2, 3],
  titleMatch: [0, 0.5, 1, 2, 4, 8],
  titleFit: [0, 0.25, 0.5, 1],
  pageTitle: [0, 0.25, 0.5, 1, 2],
  synonym: [0.3, 0.4, 0.5, 0.65, 0.8],
  prefix: [0.3, 0.5, 0.7],
  prefixLast: [0.3, 0.4, 0.5, 0.7, 0.9],
  fuzzy: [0.4, 0.55, 0.7, 0.85],
  phrase: [0, 0.1, 0.25, 0.5, 1, 2],
  stopWord: [0, 0.05, 0.1, 0.2, 0.4],
  symptomFactor: [1, 1.1, 1.25, 1.5, 2], /* ranking.yml: symptoms: factor */
};

function get(w, key) { const [a, b] = key.split("."); return b === undefined ? w[a] : w[a][+b]; }
function set(w, key, v) {
  const copy = { ...w, fields: [...w.fields] };
  const [a, b] = key.split(".");
  if (b === undefined) copy[a] = v; else copy[a][+b] = v;
  return copy;
}

function indexFile(site) {
  const dir = path.join(site, "search");
  const name = fs.readdirSync(dir).find((f) => /^index\.en\.[0-9a-f]+\.json$/.test(f));
  return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
}

const indexes = new Map(); /* b -> Index (b is applied when the index is built) */
function indexFor(data, weights) {
  if (!indexes.has(weights.b)) indexes.set(weights.b, new Index({ ...data, weights: { ...weights } }, STEM));
  const index = indexes.get(weights.b);
  index.weights = weights;
  if (index.symptoms) index.symptoms.factor = weights.symptomFactor;
  return index;
}

function score(index, rows) {
  let hit3 = 0, rr = 0;
  for (const [q, re] of rows) {
    const results = index.answer(q, true).results.slice(0, 10);
    const rank = results.findIndex((r) => re.test("/" + r.doc.location) || re.test(r.doc.title)) + 1;
    if (rank && rank <= 3) hit3++;
    if (rank) rr += 1 / rank;
  }
  return { hit3: hit3 / rows.length, mrr: rr / rows.length };
}

const load = (file) => readQueries(file).map(([q, p]) => [q, new RegExp(p, "i")]);

function objective(index, sets) {
  let sum = 0;
  for (const rows of sets) { const r = score(index, rows); sum += (r.hit3 + r.mrr) / 2; }
  return sum / sets.length;
}

function report(index, files) {
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const r = score(index, load(file));
    console.log(`  ${path.basename(file).padEnd(28)} hit@3 ${r.hit3.toFixed(3)}  MRR@10 ${r.mrr.toFixed(3)}`);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const site = args[0];
  const rounds = args.includes("--rounds") ? +args[args.indexOf("--rounds") + 1] : 2;
  const data = indexFile(site);
  let weights = { ...data.weights, fields: [...data.weights.fields], symptomFactor: data.symptoms.factor };
  args.forEach((a, i) => {
    if (a !== "--set") return;
    const [key, value] = args[i + 1].split("=");
    weights = set(weights, key, Number(value));
  });
  if (!args.includes("--report")) {
    const sets = FIT.map(load);
    let best = objective(indexFor(data, weights), sets);
    console.log(`start: objective ${best.toFixed(4)}`);
    for (let round = 1; round <= rounds; round++) {
      let changed = false;
      for (const key of Object.keys(GRID)) {
        for (const value of GRID[key]) {
          if (value === get(weights, key)) continue;
          const trial = set(weights, key, value);
          const o = objective(indexFor(data, trial), sets);
          if (o > best + 1e-6) { best = o; weights = trial; changed = true; }
        }
        console.log(`round ${round} ${key} = ${get(weights, key)}  objective ${best.toFixed(4)}`);
      }
      if (!changed) break;
    }
    console.log("fitted weights:", JSON.stringify(weights));
  }
  const index = indexFor(data, weights);
  console.log("sets in the fit:");
  report(index, FIT);
  console.log("sets kept out of the fit:");
  report(index, KEPT_OUT);
}
