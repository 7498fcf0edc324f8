// blogtool's search page: queries the site's Pagefind index (this file sits in its bundle).
// The index has one part per language, each split into words its own way; every part is
// searched, so a Japanese query finds a Japanese post from a page in Chinese.
// Markup: a form [data-blogtool-search] with an input, [data-search-status] and
// [data-search-results]; words from the form's data-none and data-count ("{n}").
const bundle = new URL("./", import.meta.url);
const base = new URL("../", bundle).pathname;
const form = document.querySelector("form[data-blogtool-search]");
const input = form.querySelector("input");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const words = {none: form.dataset.none || "No results.", count: form.dataset.count || "{n}"};
let ready = null;

async function load() {
  const pagefind = await import(bundle.pathname + "pagefind.js");
  await pagefind.options({baseUrl: base, excerptLength: 24});
  const entry = await (await fetch(bundle.pathname + "pagefind-entry.json")).json();
  const langs = entry.languages || {};
  // the part Pagefind itself opens for this page (its language, as Pagefind picks it)
  const tag = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
  const primary = langs[tag] ? tag : langs[tag.split("-")[0]] ? tag.split("-")[0]
    : Object.keys(langs).sort((a, b) => langs[b].page_count - langs[a].page_count)[0];
  for (const lang of Object.keys(langs)) {
    // the full address: Pagefind skips a merge whose path looks like its own index
    if (lang !== primary) await pagefind.mergeIndex(bundle.href, {language: lang, baseUrl: base});
  }
  return pagefind;
}

function item(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.appendChild(link);
  li.appendChild(heading);
  if (data.meta && data.meta.date) {
    const date = document.createElement("p");
    date.className = "result-date";
    date.textContent = data.meta.date;
    li.appendChild(date);
  }
  const passage = document.createElement("p");
  passage.className = "result-excerpt";
  passage.innerHTML = data.excerpt;   // escaped text, with <mark> around what matched
  li.appendChild(passage);
  return li;
}

// Scores from the parts of the index (one per language) are not comparable: a part with few
// pages scores every match low. So the best results are re-ranked, first by whether the page
// has the query as written (an exception name, a log phrase), then by how many of its words it
// has, then by Pagefind's score.
const RERANK = 30;

function plain(text) {
  return text.toLowerCase().replace(/\s+/g, " ");
}

function rank(query, data, score) {
  const text = plain(((data.meta && data.meta.title) || "") + " " + data.content);
  const words = plain(query).split(/[\s.,:;()[\]{}"'`]+/).filter(Boolean);
  const has = words.filter((w) => text.includes(w)).length;
  return [text.includes(plain(query)) ? 1 : 0, words.length ? has / words.length : 0, score];
}

function before(a, b) {
  for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
  return 0;
}

async function run(query) {
  ready = ready || load();
  const pagefind = await ready;
  const found = await pagefind.debouncedSearch(query, {}, 150);
  if (found === null || input.value.trim() !== query) return;   // a newer query took over
  const top = found.results.slice(0, RERANK);
  const loaded = await Promise.all(top.map(async (r) => {
    const data = await r.data();
    return {data, key: rank(query, data, r.score)};
  }));
  if (input.value.trim() !== query) return;
  const results = loaded.sort(before).slice(0, 20).map((r) => r.data);
  list.replaceChildren(...results.map(item));
  status.textContent = results.length
    ? words.count.replace("{n}", String(found.results.length)) : words.none;
}

function search() {
  const query = input.value.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query) { list.replaceChildren(); status.textContent = ""; return; }
  status.textContent = "…";
  run(query).catch(() => { status.textContent = words.none; });
}

input.addEventListener("input", search);
form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
const asked = new URLSearchParams(location.search).get("q");
if (asked) { input.value = asked; search(); }
