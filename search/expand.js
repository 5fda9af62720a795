/*
 * Readers' shared words: learns from the development query sets (bench/) the words that
 * several writers, each on their own, used for a result whose page never uses them, and
 * writes them to search/data/reader-words-<lang>.yml. The search hook puts them in that
 * result's index entry and the engine counts them as reader searches, so a new reader's
 * words find it too.
 *
 * Usage: node search/expand.js SITE_DIR           write search/data/reader-words-<lang>.yml
 *        node search/expand.js SITE_DIR --loo [--min-sets N] [--max-relevant N]
 *                                                  leave-one-set-out figures (English), write nothing;
 *                                                  the options try other thresholds than those below
 *   SITE_DIR  a built site (mkdocs build --strict -d DIR): the words each result already uses
 *             come from its index (the learned words are a field of their own there, not counted)
 *
 * A word is added to a result when queries from at least MIN_SETS different sets use it
 * (stop words and numbers aside), each listing that result as a good answer among at most
 * MAX_RELEVANT, and the result's title, text, page title and reader searches have no word
 * of the same stem. So one writer's word, or one query, never changes the index; a word
 * several people reach for does. --loo learns from every set but one and measures that
 * one, for each set in turn: the honest figure for readers whose words were not learned.
 * Run it after a round's fresh sets have been measured at its end and joined SETS, never
 * before: a set learned from is no longer unseen.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { Index, tokens } = require("./engine.js");

const ROOT = path.resolve(__dirname, "..");
const STEM = { en: "en", es: "es" }; /* language -> its stemmer file in vendor/ */
const stemmer = (lang) => require(`./vendor/orama-stemmers-3.1.18/${STEM[lang]}.cjs`).stemmer;
const MIN_SETS = 4;      /* writers (sets) who must share a word: 3 added more noise, 5 too little */
const MAX_RELEVANT = 6;  /* a query listing more good answers says little about each */
/* The development sets (every set measured at the end of its round); the current round's
   fresh sets join only after their end measurement. */
const SETS = { en: [
  path.join(ROOT, "..", "shared", "search-queries.tsv"),
  ...["", "-sections", "-sections2", "-holdout", "-final", "-fresh",
    ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => `-fresh${n}`),
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((n) => `-unseen-symptoms${n > 1 ? n : ""}`),
    ...[1, 2, 3, 4, 5, 6].map((n) => `-unseen-decisions${n > 1 ? n : ""}`),
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => `-unseen-short${n > 1 ? n : ""}`),
    "-unseen-mixed", "-unseen-mixed2"].map((s) => path.join(ROOT, "bench", `queries${s}.tsv`)),
], es: ["-es-dev", "-unseen-es"].map((s) => path.join(ROOT, "bench", `queries${s}.tsv`)) };

function readSet(file) {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => { const [q, p] = l.split("\t"); return [q.trim(), new RegExp(p.trim(), "i")]; });
}

/* The words to add: result address -> sorted words. `sets` is [[name, [[query, regex]]]];
   `data` the built index of one language (its docs and stop words). */
function learn(data, sets, lang, minSets = MIN_SETS, maxRelevant = MAX_RELEVANT) {
  const index = new Index({ ...data, docs: [] }, stemmer(lang));
  const docs = data.docs;
  const has = docs.map((d) => new Set(tokens([d[1], d[2], d[4], d[3] >= 0 ? docs[d[3]][1] : ""].join(" "))
    .map((w) => index.stem(w))));
  const found = docs.map(() => new Map()); /* stem -> {sets, words: word -> count} */
  for (const [name, rows] of sets) {
    for (const [query, re] of rows) {
      const relevant = [];
      docs.forEach((d, n) => { if (re.test("/" + d[0]) || re.test(d[1])) relevant.push(n); });
      if (!relevant.length || relevant.length > maxRelevant) continue;
      const words = tokens(query).filter((w) => w.length > 1 && !index.stop[w] && !/^[0-9.]+$/.test(w));
      for (const n of relevant) {
        for (const w of words) {
          const st = index.stem(w);
          if (has[n].has(st)) continue;
          if (!found[n].has(st)) found[n].set(st, { sets: new Set(), words: new Map() });
          const e = found[n].get(st);
          e.sets.add(name);
          e.words.set(w, (e.words.get(w) || 0) + 1);
        }
      }
    }
  }
  const out = {};
  docs.forEach((d, n) => {
    const words = [...found[n].values()].filter((e) => e.sets.size >= minSets)
      .map((e) => [...e.words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]).sort();
    if (words.length) out["/" + d[0]] = words;
  });
  return out;
}

/* The index with these learned words (its last field, as the hook writes it). */
function withWords(data, learned) {
  return { ...data, docs: data.docs.map((d) => [...d.slice(0, 6), (learned["/" + d[0]] || []).join(" ")]) };
}

function toYaml(learned, lang) {
  const lines = [
    `# Generated by search/expand.js (node search/expand.js SITE_DIR): do not add words by hand. After`,
    `# renaming a heading id, change its address here as in questions-${lang}.yml, build, and run it again.`,
    `# Words that readers in at least ${MIN_SETS} development query sets (bench/) used for a result whose`,
    `# page never uses them; the search hook adds them to that result's reader searches. Language: ${lang}.`,
    `# After a round of query sets ends, add its sets to SETS in search/expand.js and run it again.`,
  ];
  for (const [address, words] of Object.entries(learned)) lines.push(`"${address}": [${words.map((w) => `"${w}"`).join(", ")}]`);
  if (!Object.keys(learned).length) lines.push(`{}  # none yet: no word is shared by ${MIN_SETS} of this language's sets`);
  return lines.join("\n") + "\n";
}

function builtIndex(site, lang) {
  const dir = path.join(site, "search");
  const name = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => new RegExp(`^index\\.${lang}\\.[0-9a-f]+\\.json$`).test(f));
  if (!name) {
    console.error(`${dir}: no index.${lang}.*.json; build the site first (mkdocs build --strict -d DIR)`);
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
}

function rank(index, rows) {
  let hit3 = 0, rr = 0;
  for (const [q, re] of rows) {
    const r = index.answer(q, true).results.slice(0, 10).findIndex((x) => re.test("/" + x.doc.location) || re.test(x.doc.title)) + 1;
    if (r && r <= 3) hit3++;
    if (r) rr += 1 / r;
  }
  return [hit3, rr / rows.length];
}

if (require.main === module) {
  const [site, flag, ...rest] = process.argv.slice(2);
  const option = (name, value) => (rest.includes(name) ? Number(rest[rest.indexOf(name) + 1]) : value);
  const minSets = option("--min-sets", MIN_SETS), maxRelevant = option("--max-relevant", MAX_RELEVANT);
  if (!site || (flag && flag !== "--loo") || (rest.length && flag !== "--loo") || !(minSets >= 1) || !(maxRelevant >= 1)) {
    console.error("usage: node search/expand.js SITE_DIR [--loo [--min-sets N] [--max-relevant N]]");
    process.exit(2);
  }
  if (flag === "--loo") {
    const data = builtIndex(site, "en");
    const sets = SETS.en.map((f) => [path.basename(f), readSet(f)]);
    const base = new Index(withWords(data, {}), stemmer("en"));
    let gained = 0;
    for (const [name, rows] of sets) {
      const learned = learn(data, sets.filter(([other]) => other !== name), "en", minSets, maxRelevant);
      const [h0, m0] = rank(base, rows), [h1, m1] = rank(new Index(withWords(data, learned), stemmer("en")), rows);
      gained += h1 - h0;
      console.log(`${name.padEnd(32)} hit@3 ${(h0 / rows.length).toFixed(3)} -> ${(h1 / rows.length).toFixed(3)} (${h1 - h0 >= 0 ? "+" : ""}${h1 - h0})  MRR@10 ${m0.toFixed(3)} -> ${m1.toFixed(3)}`);
    }
    console.log(`all sets: ${gained >= 0 ? "+" : ""}${gained} in the top three`);
  } else {
    for (const lang of Object.keys(SETS)) {
      const file = path.join(__dirname, "data", `reader-words-${lang}.yml`);
      const learned = learn(builtIndex(site, lang), SETS[lang].map((f) => [path.basename(f), readSet(f)]), lang);
      fs.writeFileSync(file, toYaml(learned, lang));
      console.log(`${path.relative(ROOT, file)}: ${Object.values(learned).flat().length} words for ${Object.keys(learned).length} results (${SETS[lang].length} sets)`);
    }
  }
}

module.exports = { learn, withWords, toYaml, MIN_SETS, MAX_RELEVANT };
