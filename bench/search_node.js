/*
 * Fast offline search check: runs the built site's search worker (search/worker.en.js and the
 * engine it loads, the very files browsers load) in Node, with its index, and prints hit@3 and MRR@10 per query
 * file. The real benchmark is bench/search_quality.py (Chromium, the real search box);
 * their figures agree.
 *
 * Usage: node bench/search_node.js SITE_DIR QUERY_FILE... [--misses | --not-first | --linked] [--lang=es]
 * --linked lists the queries that get the help link although their writer listed none of the
 * answers on whether a symptom is normal and when to get help (questions asked before treatment
 * should not get it).
 *        node bench/search_node.js SITE_DIR [--lang=es] -q "query" ...
 * --lang picks the language's search (worker.<lang>.js), as on that language's pages; default en.
 * SITE_DIR is a built site (python3 tasks.py build, or mkdocs build -d DIR).
 * Query files are TSV: query<TAB>regex; a result is relevant when the regex
 * (case-insensitive) matches its address (/path/#id) or its title.
 * It also prints answer@3 for the queries whose writer listed one of the answers that say
 * whether a symptom is normal and when to get help (search/data/ranking.yml, symptoms:
 * answers, as the built index carries it): the share of them with one of those answers,
 * any of them, in the top three (the measure for symptom queries), and how many of
 * them get the link to the page on when to get help above the results ("linked").
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

/* The worker of a built site, in a sandbox: search(query) resolves to its result list. */
function loadWorker(site, lang = "en") {
  const dir = path.join(site, "search");
  let reply = null;
  const handlers = [];
  const sandbox = {
    console,
    postMessage: (m) => { reply = m; },
    addEventListener: (type, fn) => { if (type === "message") handlers.push(fn); },
    fetch: async (url) => ({ ok: true, json: async () => JSON.parse(fs.readFileSync(path.join(dir, url), "utf8")) }),
    importScripts: (...files) => files.forEach((f) => vm.runInContext(fs.readFileSync(path.join(dir, f), "utf8"), sandbox)),
  };
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(dir, `worker.${lang}.js`), "utf8"), sandbox);
  const send = async (message) => {
    reply = null;
    handlers.forEach((h) => h({ data: message }));
    for (let i = 0; i < 1000 && reply === null; i++) await new Promise((r) => setImmediate(r));
    return reply;
  };
  return {
    search: async (q) => (await send({ type: 2, data: q })).data.items.map(([d]) => ({
      location: "/" + d.location, title: strip(d.title.split(' <span class="mng-search-page">')[0]), score: d.score,
      fallback: d.title.includes("mng-search-fallback"), help: d.title.includes("mng-search-help") })),
    ready: send({ type: 0, data: {} }),
    answers: symptomAnswers(dir, lang),
  };
}

/* The answers of ranking.yml's symptoms slot, as a test of an address ("/es/safety/...#id"). */
function symptomAnswers(dir, lang) {
  const file = fs.readdirSync(dir).find((f) => f.startsWith(`index.${lang}.`) && f.endsWith(".json"));
  const index = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  if (!index.symptoms || !index.symptoms.answers) return null;
  const re = new RegExp(index.symptoms.answers, "i");
  return (address) => re.test(address.replace(/^\//, "").slice(index.prefix && address.startsWith("/" + index.prefix) ? index.prefix.length : 0));
}
const strip = (s) => String(s).replace(/<[^>]+>/g, "").split(" \u2026")[0];

function readQueries(file) {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => { const [q, p] = l.split("\t"); return [q.trim(), p.trim()]; });
}

/* The place (1 to 10) of the first of `results` ({location: "/path/#id", title}) that a query's
   regex matches, by address or title; 0 when none of the first ten does. */
function rankOf(re, results) {
  return results.slice(0, 10).findIndex((r) => re.test(r.location) || re.test(r.title)) + 1;
}

/* The results of the engine's Index.answer() as rankOf reads them. */
const shown = (found) => found.results.slice(0, 10).map((r) => ({ location: "/" + r.doc.location, title: r.doc.title }));

/* Of a set's ranks: how many queries have a good answer in the top three (top3), their share
   (hit@3), and the mean reciprocal rank of the first good answer in the top ten (MRR@10). */
function figures(ranks) {
  const top3 = ranks.filter((r) => r && r <= 3).length;
  return { top3, hit3: top3 / ranks.length, mrr: ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length };
}

/* The query sets of bench/query-sets.tsv as [{file (absolute), lang, role}]; stops with the
   line and the fix when a line is not `file<TAB>en|es<TAB>development|kept-out|fresh` or its
   file is missing. */
const ROLES = ["development", "kept-out", "fresh"];
function querySets(list = path.join(__dirname, "query-sets.tsv")) {
  const root = path.resolve(__dirname, "..");
  return fs.readFileSync(list, "utf8").split("\n").map((line, n) => [line, n + 1])
    .filter(([line]) => line.trim() && !line.startsWith("#")).map(([line, n]) => {
      const [file, lang, role, ...extra] = line.split("\t");
      const where = `${path.relative(root, list)}:${n}`;
      if (extra.length || !["en", "es"].includes(lang) || !ROLES.includes(role))
        throw new Error(`${where}: write file<TAB>language (en or es)<TAB>role (${ROLES.join(", ")}), not ${JSON.stringify(line)}`);
      const full = path.resolve(root, file);
      if (!fs.existsSync(full)) throw new Error(`${where}: ${file} does not exist; correct the path or remove the line`);
      return { file: full, lang, role };
    });
}

/* A query file as [query, RegExp of its good answers]. */
const readSet = (file) => readQueries(file).map(([q, p]) => [q, new RegExp(p, "i")]);

async function evaluate(worker, file, show) {
  const rows = readQueries(file);
  const ranks = [];
  let asked = 0, answered = 0, linked = 0;
  for (const [q, pattern] of rows) {
    const re = new RegExp(pattern, "i");
    const links = (await worker.search(q)).slice(0, 10);
    const rank = rankOf(re, links);
    ranks.push(rank);
    const labels = pattern.split("|").map((a) => a.replace(/^\^/, "").replace(/\$$/, ""));
    const symptom = !!worker.answers && labels.some(worker.answers); /* its writer listed an answer */
    if (symptom) {
      asked++;
      if (links.slice(0, 3).some((l) => worker.answers(l.location))) answered++;
      if (links.length && links[0].help) linked++;
    }
    if (show === "--linked" && links.length && links[0].help && !symptom)
      console.log(`LINKED ${JSON.stringify(q)} (its writer listed no answer on whether it is normal or when to get help)`);
    if ((show === "--misses" && !(rank && rank <= 3)) || (show === "--not-first" && rank !== 1))
      console.log(`MISS ${JSON.stringify(q)} /${pattern}/ rank=${rank || "-"} top: ${links.slice(0, 3).map((l) => l.location).join("; ")}`);
  }
  const { hit3, mrr } = figures(ranks);
  return { n: rows.length, hit3, mrr, asked, answered, linked };
}

module.exports = { loadWorker, readQueries, readSet, querySets, evaluate, rankOf, shown, figures };

if (require.main === module) (async () => {
  const args = process.argv.slice(2);
  const lang = (args.find((a) => a.startsWith("--lang=")) || "--lang=en").slice(7);
  const [site, ...rest] = args.filter((a) => !a.startsWith("--lang="));
  if (!site || site.startsWith("-") || !fs.existsSync(path.join(site, "search", `worker.${lang}.js`))) {
    console.error(`usage: node bench/search_node.js SITE_DIR QUERY_FILE... [--misses | --not-first | --linked] [--lang=es]\n` +
      `       node bench/search_node.js SITE_DIR [--lang=es] -q "query" ...\n` +
      `SITE_DIR must be a built site with search/worker.${lang}.js (python3 tasks.py build, or mkdocs build -d DIR)` +
      (site && !site.startsWith("-") ? `; ${site} has none` : ""));
    process.exit(2);
  }
  const worker = loadWorker(site, lang);
  await worker.ready;
  if (rest[0] === "-q") {
    for (const q of rest.slice(1)) {
      const links = await worker.search(q);
      console.log(`== ${q} (${links.length})`);
      for (const l of links.slice(0, 10))
        console.log(`  ${l.score.toFixed(2).padStart(8)} ${l.fallback ? "F" : " "} ${l.location} | ${l.title.slice(0, 60)}`);
    }
    return;
  }
  const show = rest.find((a) => a.startsWith("--"));
  for (const file of rest.filter((a) => !a.startsWith("--"))) {
    const r = await evaluate(worker, file, show);
    const answer = r.asked ? ` answer@3=${(r.answered / r.asked).toFixed(3)} (${r.answered}/${r.asked}) linked=${r.linked}/${r.asked}` : "";
    console.log(`${path.basename(file)}: n=${r.n} hit@3=${r.hit3.toFixed(3)} MRR@10=${r.mrr.toFixed(3)}${answer}`);
  }
})();
