/*
 * Fast offline search check: runs the site's search worker (ours, which loads
 * Material's) in Node with the built index, for tuning ranking quickly.
 * The real benchmark is bench/search_quality.py (Chromium, real search box).
 *
 * Usage: node bench/search_node.js SITE_DIR QUERY_FILE [--misses | --not-first]
 *        node bench/search_node.js SITE_DIR -q "query" ...
 * SITE_DIR is a built site (python3 tasks.py build, or mkdocs build -d DIR).
 * Result order mimics Material's result list: per group, the page, then its
 * sections at the group's top score, then the rest ("N more on this page").
 * Figures agree with the browser benchmark; report the browser's.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, ...rest] = process.argv.slice(2);
const workerDir = path.join(site, "assets", "javascripts");
const handlers = [];
let lastMessage = null;
const sandbox = {
  console,
  postMessage: (m) => { lastMessage = m; },
  addEventListener: (type, fn) => { if (type === "message") handlers.push(fn); },
};
sandbox.self = sandbox;
sandbox.importScripts = (...files) => {
  for (const f of files) vm.runInContext(fs.readFileSync(path.join(workerDir, f), "utf8"), sandbox);
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(path.join(workerDir, "search-worker.js"), "utf8"), sandbox);

async function send(message) {
  lastMessage = null;
  for (const h of handlers) await h({ data: message });
  for (let i = 0; i < 50 && lastMessage === null; i++) await new Promise((r) => setImmediate(r));
  return lastMessage;
}

function order(groups) {
  const links = [];
  for (const items of groups) {
    const threshold = items[0].score;
    const docs = [...items];
    const parent = docs.findIndex((d) => !String(d.location).includes("#"));
    const [article] = docs.splice(parent, 1);
    links.push([article.location, strip(article.title), article.score]);
    for (const d of docs) links.push([d.location, strip(d.title), d.score, d.score < threshold]);
  }
  return links;
}
const strip = (s) => String(s).replace(/<[^>]+>/g, "");

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  await send({ type: 0, data: { ...index, options: { suggest: true } } });
  const search = async (q) => order((await send({ type: 2, data: q })).data.items);
  if (rest[0] === "-q") {
    for (const q of rest.slice(1)) {
      const links = await search(q);
      console.log(`== ${q} (${links.length})`);
      for (const [loc, title, score, more] of links.slice(0, 10))
        console.log(`  ${score.toFixed(2).padStart(8)} ${more ? "+" : " "} /${loc} | ${title.slice(0, 50)}`);
    }
    return;
  }
  const rows = fs.readFileSync(rest[0], "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  let hit3 = 0, rr = 0;
  for (const row of rows) {
    const [q, pattern] = row.split("\t");
    const re = new RegExp(pattern.trim(), "i");
    const links = (await search(q.trim())).slice(0, 10);
    const rank = links.findIndex(([loc, title]) => re.test("/" + loc) || re.test(title)) + 1;
    if (rank && rank <= 3) hit3++;
    if (rank) rr += 1 / rank;
    if ((rest.includes("--misses") && !(rank && rank <= 3)) || (rest.includes("--not-first") && rank !== 1))
      console.log(`MISS ${JSON.stringify(q.trim())} /${pattern.trim()}/ rank=${rank || "-"} top: ${links.slice(0, 3).map((l) => "/" + l[0]).join("; ")}`);
  }
  console.log(`${path.basename(rest[0])}: n=${rows.length} hit@3=${(hit3 / rows.length).toFixed(3)} MRR@10=${(rr / rows.length).toFixed(3)}`);
})();
