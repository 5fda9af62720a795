/* bench/query-sets.tsv: the one list of query sets that search/expand.js, search/fit.js and
   bench/search_quality.py read. */
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { querySets } = require("../../bench/search_node.js");

const BENCH = path.join(__dirname, "..", "..", "bench");

test("every query set in bench/ is listed once, with a language and a role", () => {
  const listed = querySets().filter((set) => path.dirname(set.file) === BENCH).map((set) => path.basename(set.file));
  const files = fs.readdirSync(BENCH).filter((f) => /^queries.*\.tsv$/.test(f));
  assert.deepStrictEqual([...listed].sort(), [...files].sort());
  assert.strictEqual(new Set(listed).size, listed.length);
});

test("a bad line or a missing file stops with the line and the fix", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sets-"));
  const list = path.join(dir, "query-sets.tsv");
  fs.writeFileSync(list, "# sets\nbench/queries.tsv\ten\tdevelopment\nbench/queries.tsv\ten\ttuning\n");
  assert.throws(() => querySets(list), /query-sets\.tsv:3: write file<TAB>language \(en or es\)<TAB>role/);
  fs.writeFileSync(list, "bench/queries-none.tsv\tes\tfresh\n");
  assert.throws(() => querySets(list), /query-sets\.tsv:1: bench\/queries-none\.tsv does not exist/);
});
