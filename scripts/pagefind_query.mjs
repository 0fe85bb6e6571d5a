// Queries a built search index with Pagefind's own runtime, as a reader's browser does
// (scripts/build_search.py checks every bundle with it before the build passes).
//
//   node scripts/pagefind_query.mjs SITE < probes.json
//
// probes.json: [{"lang": "zh", "query": "...", "url": "/zh/instruments/x/"}, ...]; for each,
// pagefind/pagefind.js is imported once per bundle (pagefind.js#<lang>, as
// pagefind-search.js does) and searched; prints [{"lang", "query", "url", "results",
// "found"}]: how many pages the query found and whether the expected page is one of them.
// Pagefind's files are read from SITE: a fetch of another address is refused.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const site = process.argv[2];
const ORIGIN = "http://site.invalid/";

globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url, ORIGIN);
  if (url.origin + "/" !== ORIGIN) throw new Error(`no fetch outside the site: ${url}`);
  try {
    return new Response(await readFile(site + decodeURIComponent(url.pathname)), { status: 200 });
  } catch {
    return new Response("", { status: 404 });
  }
};

async function probe({ lang, query, url }) {
  const pagefind = await import(`${pathToFileURL(site + "/pagefind/pagefind.js").href}#${lang}`);
  await pagefind.options({ basePath: `${ORIGIN}pagefind/${lang}/` });
  await pagefind.init(lang);
  const search = await pagefind.search(query);
  let found = false;
  for (const result of search.results) {
    const data = await result.data();
    if (new URL(data.url, ORIGIN).pathname === url) { found = true; break; }
  }
  return { lang, query, url, results: search.results.length, found };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const probes = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = [];
for (const one of probes) out.push(await probe(one));
process.stdout.write(JSON.stringify(out));
