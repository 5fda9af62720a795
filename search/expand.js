/*
 * Readers' shared words: learns from the development query sets (bench/) the words that
 * several writers, each on their own, used for a result whose page never uses them, and the
 * words their queries about something after treatment share (symptom words), and how much the
 * words readers put around their question count (in any query, and in queries reporting a
 * symptom), and writes them to search/data/reader-words-<lang>.yml. The search hook puts them in
 * the index; the engine counts a result's words as its reader searches and the symptom words as
 * the warning signs' own, so a new reader's words find the answer too.
 *
 * Usage: node search/expand.js SITE_DIR           write search/data/reader-words-<lang>.yml
 *        node search/expand.js SITE_DIR --loo [--lang es] [--min-sets N] [--max-relevant N] [--symptom-share X] [--newest N]
 *                                                  leave-one-set-out figures (English, or Spanish with --lang es), write nothing;
 *                                                  the options try other thresholds than those below; --newest N
 *                                                  measures only the newest N sets (each still learned without), as
 *                                                  every set takes over an hour for English on this machine
 *   SITE_DIR  a built site (mkdocs build --strict -d DIR): the words each result already uses
 *             come from its index (the learned words are a field of their own there, not counted)
 *
 * A word is added to a result when queries from at least MIN_SETS[lang] different sets use it
 * (stop words and numbers aside), each listing that result as a good answer among at most
 * MAX_RELEVANT, and the result's title, text, page title and reader searches have no word
 * of the same stem. A symptom word: queries from at least MIN_SETS[lang] sets that list an answer
 * on whether a symptom is normal use it, and at least SYMPTOM_SHARE of all queries using it
 * do. So one writer's word, or one query, never changes the index; a word several people
 * reach for does. --loo learns from every set but one and measures that
 * one, for each set in turn: the honest figure for readers whose words were not learned.
 * Run it after a round's fresh sets have been measured at its end and their role in
 * bench/query-sets.tsv changed from fresh, never before: a set learned from is no longer unseen.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { Index, tokens, wholeAddresses } = require("./engine.js");
const { readSet, querySets, rankOf, shown, figures } = require("../bench/search_node.js");

const ROOT = path.resolve(__dirname, "..");
const STEM = { en: "en", es: "es" }; /* language -> its stemmer file in vendor/ */
const stemmer = (lang) => require(`./vendor/orama-stemmers-3.1.18/${STEM[lang]}.cjs`).stemmer;
/* Writers (sets) who must share a word, per language. English, left-one-set-out (--loo), 79 sets:
   4 +166 in the top three, 5 +179 (69 sets: 4 +124, 5 +128; 65 sets: 3 +99, 4 +99, 5 +120, 6 +96);
   raised from 4 when the words of 79 sets took the index to 100.2 KB gzipped. Spanish, 16 sets
   (--loo --lang es, session 21): 2 +22, 3 +19, 4 +10, 5 +11; three of 16 sets is still a larger
   share of the writers than five of 107, while at two a pair of writers would decide.
   English raised to 8 in session 24 (127 sets), left-one-set-out over the newest 24 sets (4,851
   queries; each set measured with the words of the other 126, against no learned words), in the top
   three: 5 +78, 6 +75, 7 +71, 8 +86, 9 +80, 10 +79; answer@3 (--loo --newest 24) 5 +15, 8 +16; the
   help answer its writer listed in the top three (a one-off script) 5 +27, 6 +45, 7 +61, 8 +80,
   9 +80, 10 +89; eight of 127 is the share five of 79 was, and the index is 3.2 KB
   smaller than at five (at five it reached 99,995 bytes gzipped). Spanish, 21 sets (--loo --lang es,
   session 24): 2 +54 with 12 false help links, 3 +36 with 5, 4 +30: three stays. */
const MIN_SETS = { en: 8, es: 3 };
const MAX_RELEVANT = 6;  /* a query listing more good answers says little about each */
const SYMPTOM_SHARE = 0.95; /* a symptom word: of the queries using it, this share list a help answer (0.9: 5 more false help links for 20 true) */
const MIN_QUERIES = 8;   /* queries (in at least MIN_SETS sets) a word needs before its weight is learned */
const WEIGHT_PRIOR = 2;  /* a word's share is (found + 2) / (queries + 2): a few queries say little */
const MAX_SHARE = 0.8;   /* a word found in more of its queries' answers keeps its full weight (not written) */
/* A word's weight is the square root of its share. Left-one-set-out on 73 sets (--loo): +19 in the top
   three over the other learned words. In a first harness: the root +22 (5 sets worse, answer@3 -5), the
   share itself +19 (8 sets worse, -7), the share with at least 0.5 +16 (-2). */
/* The sets learned from: bench/query-sets.tsv's development and kept-out sets of each language
   (a round's fresh sets join only after their end measurement). */
const learnedSets = (lang) => querySets().filter((set) => set.lang === lang && set.role !== "fresh").map((set) => set.file);

/* What the query sets teach, for one language: `results`, result address -> sorted words, and
   `symptoms`, sorted words that mark a query about something after treatment, and `weights`,
   word -> how much it counts in a query: the square root of the share of the queries using it
   whose good answers it finds (by its own word, a synonym, a typing slip: as the search matches
   it), when readers often use it around their question rather than for it ("yesterday", "jaw"), and
   `reportWeights`, the same from the queries that report a symptom after treatment (the queries that
   get the help link), used in such queries: there the treated area or concern ("cheeks", "stretch"
   marks) is context, while before treatment it is the question. `sets` is
   [[name, [[query, regex]]]]; `data` the built index of that language. */
function learn(data, sets, lang, minSets = MIN_SETS[lang], maxRelevant = MAX_RELEVANT, symptomShare = SYMPTOM_SHARE) {
  /* The index without any learned symptom words: which words name a symptom already. */
  const index = new Index({ ...data, symptoms: { ...data.symptoms, learned: "" } }, stemmer(lang));
  const docs = data.docs;
  const has = docs.map((d) => new Set(tokens([d[1], d[2], d[4], d[3] >= 0 ? docs[d[3]][1] : ""].join(" "))
    .map((w) => index.stem(w))));
  const answers = new RegExp(data.symptoms.answers, "i");
  const found = docs.map(() => new Map()); /* stem -> {sets, words: word -> count} */
  const symptom = new Map(); /* stem -> {sets, words, about: queries about a symptom, other: the rest} */
  const count = (map, st, w, name) => {
    if (!map.has(st)) map.set(st, { sets: new Set(), words: new Map(), about: 0, other: 0 });
    const e = map.get(st);
    if (name) e.sets.add(name);
    e.words.set(w, (e.words.get(w) || 0) + 1);
    return e;
  };
  for (const [name, rows] of sets) {
    for (const [query, re] of rows) {
      const relevant = [];
      docs.forEach((d, n) => { if (re.test("/" + d[0]) || re.test(d[1])) relevant.push(n); });
      const words = tokens(query).filter((w) => w.length > 1 && !index.stop[w] && !/^[0-9.]+$/.test(w));
      const about = relevant.some((n) => answers.test(index.bare(docs[n][0])));
      for (const w of new Set(words)) {
        const st = index.stem(w);
        if (w.length < 3 || index.symptoms.stems[st]) continue;
        const e = count(symptom, st, w, about ? name : null);
        if (about) e.about++; else e.other++;
      }
      if (!relevant.length || relevant.length > maxRelevant) continue;
      for (const n of relevant) for (const w of words) {
        const st = index.stem(w);
        if (!has[n].has(st)) count(found[n], st, w, name);
      }
    }
  }
  const weights = {}, reportWeights = {};
  const used = new Map(), reported = new Map(); /* stem -> {sets, words, queries, found} */
  const tally = (map, st, word, name, queries, found) => {
    const t = count(map, st, word, name);
    t.queries = (t.queries || 0) + queries;
    t.found = (t.found || 0) + found;
  };
  for (const [name, rows] of sets) {
    for (const [st, e] of wordsFound(data, rows, lang)) {
      tally(used, st, e.word, name, e.queries, e.found);
      if (e.reports) tally(reported, st, e.word, name, e.reports, e.reportsFound);
    }
  }
  const commonest = (e) => [...e.words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const weigh = (map, out) => {
    for (const e of map.values()) {
      const share = (e.found + WEIGHT_PRIOR) / (e.queries + WEIGHT_PRIOR);
      if (e.sets.size >= minSets && e.queries >= MIN_QUERIES && share <= MAX_SHARE)
        out[commonest(e)] = Math.round(100 * Math.sqrt(share)) / 100;
    }
  };
  weigh(used, weights);
  weigh(reported, reportWeights);
  const results = {};
  docs.forEach((d, n) => {
    const words = [...found[n].values()].filter((e) => e.sets.size >= minSets).map(commonest).sort();
    if (words.length) results["/" + d[0]] = words;
  });
  const symptoms = [...symptom.values()]
    .filter((e) => e.sets.size >= minSets && e.about >= symptomShare * (e.about + e.other)).map(commonest).sort();
  return { symptoms, results, weights: Object.fromEntries(Object.entries(weights).sort()),
    reportWeights: Object.fromEntries(Object.entries(reportWeights).sort()) };
}

/* For one set's queries (each with at least one good answer): for each word used, not a stop
   word, in how many queries (once each), and in how many the search matches that word in one
   of the good answers, on the pages' own words (no learned words or weights); `reports` and
   `reportsFound`, the same for the queries reporting a symptom (a symptom word of the pages' own
   lists and an "after" word). Kept per set, as
   every leave-one-set-out run counts the same queries again. */
const foundCache = new WeakMap();
const plainIndexes = new WeakMap(); /* data -> its index without learned words or weights, built once */
function wordsFound(data, rows, lang) {
  const cached = foundCache.get(rows);
  if (cached && cached.data === data) return cached.words;
  if (!plainIndexes.has(data))
    plainIndexes.set(data, new Index(withWords(data, { symptoms: [], results: {} }), stemmer(lang)));
  const index = plainIndexes.get(data);
  const words = new Map();
  for (const [query, re] of rows) {
    const good = new Set(index.docs.filter((d) => re.test("/" + d.location) || re.test(d.title)).map((d) => d.n));
    if (!good.size) continue;
    const ranked = index.rank(query, false);
    const found = ranked.results.filter((r) => good.has(r.doc.n));
    const seen = new Set();
    for (const slot of ranked.slots) {
      if (slot.stop || seen.has(slot.stem) || slot.word.length < 2 || /^[0-9.]+$/.test(slot.word)) continue;
      seen.add(slot.stem);
      const e = words.get(slot.stem) || { word: slot.word, queries: 0, found: 0, reports: 0, reportsFound: 0 };
      const hit = found.some((r) => r.matched[slot.word]);
      e.queries++;
      if (hit) e.found++;
      if (ranked.report) { e.reports++; if (hit) e.reportsFound++; }
      words.set(slot.stem, e);
    }
  }
  foundCache.set(rows, { data, words });
  return words;
}

/* The index with these learned words (the docs' last field, symptoms.learned and readerWeights, as
   the hook writes them). */
function withWords(data, learned) {
  return { ...data, symptoms: { ...data.symptoms, learned: learned.symptoms.join(" ") }, readerWeights: learned.weights || {},
    reportWeights: learned.reportWeights || {},
    docs: data.docs.map((d) => [...d.slice(0, 6), (learned.results["/" + d[0]] || []).join(" ")]) };
}

function toYaml(learned, lang) {
  const quoted = (words) => `[${words.map((w) => `"${w}"`).join(", ")}]`;
  const lines = [
    `# Generated by search/expand.js (node search/expand.js SITE_DIR): do not add words by hand. After`,
    `# renaming a heading id, change its address here as in questions-${lang}.yml, build, and run it again.`,
    `# Language: ${lang}. After a round of query sets ends, change its sets' role in bench/query-sets.tsv`,
    `# and run it again.`,
    `# symptoms: words that queries about something felt or seen after treatment use, in at least`,
    `# ${MIN_SETS[lang]} development query sets (bench/), and other queries hardly ever (at least ${SYMPTOM_SHARE * 100}% of the`,
    `# queries using each list an answer on whether it is normal and when to get help): they mark a`,
    `# symptom as the warning signs' own words do (search/data/ranking.yml, symptoms).`,
    `symptoms: ${quoted(learned.symptoms)}`,
    `# results: words that readers in at least ${MIN_SETS[lang]} sets used for a result whose page never uses them;`,
    `# the engine counts them as that result's reader searches.`,
    Object.keys(learned.results).length ? "results:" : "results: {}",
  ];
  for (const [address, words] of Object.entries(learned.results)) lines.push(`  "${address}": ${quoted(words)}`);
  lines.push(
    `# weights: how much a word counts in a query (1 when not listed): the square root of the share of`,
    `# the queries using it (at least ${MIN_QUERIES}, in ${MIN_SETS[lang]} sets) whose good answers it finds, with ${WEIGHT_PRIOR} more of each`,
    `# ("yesterday", "jaw": words readers use around their question, not for it); over ${MAX_SHARE}: not listed.`,
    Object.keys(learned.weights).length ? "weights:" : "weights: {}");
  for (const [word, weight] of Object.entries(learned.weights)) lines.push(`  "${word}": ${weight}`);
  lines.push(
    `# report_weights: the same, learned from the queries that report a symptom after treatment (a symptom`,
    `# word and an "after" word: the queries that get the help link), and used in such queries instead:`,
    `# in them the treated area and concern ("cheeks", "stretch") are context, not the question.`,
    Object.keys(learned.reportWeights).length ? "report_weights:" : "report_weights: {}");
  for (const [word, weight] of Object.entries(learned.reportWeights)) lines.push(`  "${word}": ${weight}`);
  return lines.join("\n") + "\n";
}

function builtIndex(site, lang) {
  const dir = path.join(site, "search");
  const name = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => new RegExp(`^index\\.${lang}\\.[0-9a-f]+\\.json$`).test(f));
  if (!name) {
    console.error(`${dir}: no index.${lang}.*.json; build the site first (mkdocs build --strict -d DIR)`);
    process.exit(2);
  }
  const data = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  return { ...data, docs: wholeAddresses(data.docs) };
}

/* For each query of a set: did its writer list an answer on whether a symptom is normal? (The
   same for every index of the same site: found once per set.) */
const aboutSymptoms = (index, rows, answers) => rows.map(([, re]) =>
  index.docs.some((d) => answers.test(index.bare(d.location)) && (re.test("/" + d.location) || re.test(d.title))));

/* hit@3 and MRR@10 of a set; of the queries whose writer listed an answer on whether a symptom is
   normal (`about`), how many have one of those answers, any of them, in the top three (`answered`,
   as answer@3 in bench/search_node.js); and how many get the help link: of those queries, and of
   the others. */
function measure(index, rows, answers, about) {
  const ranks = [];
  let linked = 0, wrong = 0, answered = 0;
  rows.forEach(([q, re], i) => {
    const found = index.answer(q, true), list = shown(found);
    ranks.push(rankOf(re, list));
    if (about[i] && list.slice(0, 3).some((d) => answers.test(index.bare(d.location.slice(1))))) answered++;
    if (found.report) { if (about[i]) linked++; else wrong++; }
  });
  return { ...figures(ranks), linked, wrong, answered };
}

if (require.main === module) {
  const [site, flag, ...rest] = process.argv.slice(2);
  const option = (name, value) => (rest.includes(name) ? Number(rest[rest.indexOf(name) + 1]) : value);
  const lang = rest.includes("--lang") ? rest[rest.indexOf("--lang") + 1] : "en";
  const minSets = option("--min-sets", MIN_SETS[lang]), maxRelevant = option("--max-relevant", MAX_RELEVANT);
  const symptomShare = option("--symptom-share", SYMPTOM_SHARE), newest = option("--newest", 0);
  if (!site || (flag && flag !== "--loo") || (rest.length && flag !== "--loo") || !(minSets >= 1) || !(maxRelevant >= 1) ||
      !(symptomShare > 0 && symptomShare <= 1) || !(newest >= 0) || !STEM[lang]) {
    console.error("usage: node search/expand.js SITE_DIR [--loo [--lang es] [--min-sets N] [--max-relevant N] [--symptom-share X] [--newest N]]");
    process.exit(2);
  }
  if (flag === "--loo") {
    const data = builtIndex(site, lang);
    const sets = learnedSets(lang).map((f) => [path.basename(f), readSet(f)]);
    const answers = new RegExp(data.symptoms.answers, "i");
    const base = new Index(withWords(data, { symptoms: [], results: {} }), stemmer(lang));
    const total = { top3: 0, answered: 0, linked: 0, wrong: 0 };
    const signed = (n) => (n >= 0 ? "+" : "") + n;
    for (const [name, rows] of newest ? sets.slice(-newest) : sets) {
      const learned = learn(data, sets.filter(([other]) => other !== name), lang, minSets, maxRelevant, symptomShare);
      const about = aboutSymptoms(base, rows, answers);
      const a = measure(base, rows, answers, about), b = measure(new Index(withWords(data, learned), stemmer(lang)), rows, answers, about);
      for (const k of Object.keys(total)) total[k] += b[k] - a[k];
      console.log(`${name.padEnd(32)} hit@3 ${a.hit3.toFixed(3)} -> ${b.hit3.toFixed(3)} (${signed(b.top3 - a.top3)})` +
        `  MRR@10 ${a.mrr.toFixed(3)} -> ${b.mrr.toFixed(3)}  help answers ${signed(b.answered - a.answered)}` +
        `  help link ${signed(b.linked - a.linked)}, on other queries ${signed(b.wrong - a.wrong)}`);
    }
    console.log(`${newest ? `the newest ${newest} sets` : "all sets"}: ${signed(total.top3)} in the top three, ${signed(total.answered)} help answers in the top three; ` +
      `the help link on ${signed(total.linked)} queries about a symptom, ${signed(total.wrong)} others`);
  } else {
    for (const lang of Object.keys(STEM)) {
      const file = path.join(__dirname, "data", `reader-words-${lang}.yml`);
      const files = learnedSets(lang);
      const learned = learn(builtIndex(site, lang), files.map((f) => [path.basename(f), readSet(f)]), lang);
      fs.writeFileSync(file, toYaml(learned, lang));
      console.log(`${path.relative(ROOT, file)}: ${learned.symptoms.length} symptom words; ` +
        `${Object.values(learned.results).flat().length} words for ${Object.keys(learned.results).length} results; ` +
        `${Object.keys(learned.weights).length} word weights, ${Object.keys(learned.reportWeights).length} in reports (${files.length} sets)`);
    }
  }
}

module.exports = { builtIndex, learnedSets, learn, withWords, toYaml, MIN_SETS, MAX_RELEVANT, SYMPTOM_SHARE, MIN_QUERIES, WEIGHT_PRIOR, MAX_SHARE };
