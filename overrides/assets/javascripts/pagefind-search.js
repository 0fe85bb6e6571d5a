/*
 * Accord: Pagefind search in Material for MkDocs' own header search box.
 *
 * Markup: overrides/partials/search.html (Material's, as Accord's own
 * component: [data-accord-search], which no engine's search code mounts).
 * This script is the whole of its behaviour, whatever engine built the page:
 * the overlay (the header's #__search toggle, which Material's CSS reads),
 * `/` `s` `f` to open it, ArrowUp/ArrowDown between the box and the result
 * links, Enter opens the result with the highest data-md-score, Escape
 * closes; it fills the result list (.md-search-result__meta / __list /
 * __item / __link / __article) from Pagefind, and highlights the query on
 * the target page.
 *
 * Index: one Pagefind bundle per language at <site>/pagefind/<lang>/, listed
 * with its script in <site>/pagefind/languages.json, and one copy of the
 * runtime, <site>/pagefind/pagefind.js (see build_search.py). The runtime is
 * downloaded once and imported once per bundle (pagefind.js#ar: a module of
 * its own, so each bundle keeps its own WebAssembly, its language's
 * normaliser and stemmer). A bundle is loaded only when a query needs it: the
 * interface language's (every instrument's metadata), and those of the
 * languages whose script the query is written in (Chinese characters: zh;
 * Arabic script: ar; Cyrillic: ru); a query in Latin letters or digits
 * alone (a symbol, INTERPOL, a year) may be in a text of any language, as
 * UN texts write them. The first results come from the
 * interface language's bundle (or the query's script's, where that is not
 * the interface's), shown as soon as the first few fragments are analysed;
 * then the remaining fragments and the other needed bundles are loaded and
 * their results merged in. Filters (body, type, year, language of the text)
 * read the tables beside each bundle (pagefind/<lang>/facets/, made by
 * build_search.py from the pages' language-neutral codes: overrides/main.html),
 * named in the interface language from the search box's data-accord-values.
 * Results in the interface language come first, but
 * a document whose own symbol is the query (its <p id="symbol">) before all:
 * it is looked up in the symbol table beside the bundles and shown at once,
 * however many pages cite it or share its parts.
 *
 * Everything is fetched relative to the site's root as the page gives it
 * (data-accord-root on the search box, overrides/partials/search.html), so the
 * site works at the root, under /ar/ etc., under any sub-path and whatever engine
 * built it (Zensical's __config.base is the language tree's root, not the site's).
 * Nothing is requested from another host.
 */
(function () {
  "use strict";

  var HIGHLIGHT_PARAM = "h";       // ?h=term on result links (Material's name)
  var MAX_PER_LANGUAGE = 20;       // Pagefind results loaded per bundle
  var FIRST_FRAGMENTS = 5;         // fragments analysed before the first render
  var LATER_MS = 200;              // then wait (first paint) before loading the rest
  var MAX_PARAGRAPHS = 3;          // matching paragraphs linked per document
  var EXCERPT_CHARS = 90;          // characters of context around a match
  var RTL = ["ar", "fa", "he", "ur", "ps", "yi"];

  var configEl = document.getElementById("__config");
  if (!configEl) return;
  var config = JSON.parse(configEl.textContent);
  // The site's root: the page says where it is (data-accord-root, from the page's own
  // path; engines disagree on __config.base in a language tree), else Material's base.
  var rootEl = document.querySelector("[data-accord-root]");
  var base = new URL(rootEl ? rootEl.getAttribute("data-accord-root") || "./" : config.base, location.href);
  var uiLang = (document.documentElement.lang || "en").split("-")[0].toLowerCase();

  /* The search results' stylesheet (data-accord-styles, from the site's root), which
   * no page links so that it never holds up a first paint: loaded once, when the
   * search is first opened or a page is opened from a result. */
  var stylesLoaded = false;
  function loadStyles() {
    var box = document.querySelector("[data-accord-styles]");
    if (stylesLoaded || !box) return;
    stylesLoaded = true;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(box.getAttribute("data-accord-styles"), base).href;
    document.head.appendChild(link);
  }

  function t(key, n) {
    return String((config.translations || {})[key] || "").replace("#", n);
  }

  /* ---------------------------------------------------------------- folding
   * fold(s) -> comparison form. Same rules for query, excerpts and page
   * highlight: lower case; compatibility forms (NFKD: full-width, ligatures)
   * ; combining marks removed (Latin accents, Arabic harakat, hamza above /
   * below, madda: إأآ -> ا, ؤ -> و, ئ -> ي); ٱ -> ا; ة -> ه; ى -> ي;
   * tatweel and zero-width characters removed; Arabic-Indic and Eastern
   * Arabic-Indic digits -> ASCII digits. foldMap() also returns, for every
   * folded character, the index of the source character it came from, so a
   * match in folded text can be marked in the original text.
   */
  var DROP = /[\u0640\u200b-\u200f\u061c\u2060\ufeff]/;
  function foldChar(c) {
    if (DROP.test(c)) return "";
    var code = c.charCodeAt(0);
    if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
    if (c === "\u0629") return "\u0647";          // ة -> ه
    if (c === "\u0649") return "\u064a";          // ى -> ي
    if (c === "\u0671") return "\u0627";          // ٱ -> ا
    return c.normalize("NFKD").replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\p{M}]/gu, "").toLowerCase();
  }
  function foldMap(s) {
    var out = "", map = [];
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      var cp = s.codePointAt(i);
      if (cp > 0xffff) { c = s.slice(i, i + 2); }
      var f = foldChar(c);
      for (var k = 0; k < f.length; k++) { out += f[k]; map.push(i); }
      if (cp > 0xffff) i++;
    }
    return { text: out, map: map };
  }
  function fold(s) { return foldMap(s).text.replace(/\s+/g, " ").trim(); }

  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
  var SYMBOL = /[\/.\-_:]/;
  var ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;

  /* Query terms as typed (folded), used to verify and highlight. */
  function queryTerms(q) {
    return fold(q).split(" ").filter(function (w) { return w.length > 0; });
  }

  /* Query string handed to Pagefind. CJK runs are segmented with the
   * browser's Intl.Segmenter (Pagefind does this itself only when the page's
   * <html lang> is zh/ja, but here every bundle is searched from every
   * language tree). Symbols like A/RES/71/19 are also sent split into parts
   * ("a res 71 19") because some analysers keep them whole and others split
   * them; the literal check below keeps only texts containing them as typed. */
  function pagefindQuery(q) {
    var parts = [q];
    if (CJK.test(q) && typeof Intl !== "undefined" && Intl.Segmenter) {
      var seg = new Intl.Segmenter("zh", { granularity: "word" });
      parts = [Array.from(seg.segment(q), function (s) { return s.segment; }).join(" ")];
    }
    q.split(/\s+/).forEach(function (w) {
      if (SYMBOL.test(w)) parts.push(w.split(/[\/.\-_:]+/).join(" "));
    });
    return parts.join(" ").replace(/\s+/g, " ").trim();
  }

  /* ------------------------------------------------------- Pagefind bundles
   * languages() -> {lang: {bundle, pages}} from languages.json (fetched once);
   * engine(lang) -> the bundle's module, imported and initialised once, on
   * the main thread (noWorker: Pagefind's worker script would be another
   * ~41 KB per bundle before the first result, for indexes this small).
   */
  var manifestPromise = null, runtimePromise = null, enginePromises = {};
  function manifest() {
    if (!manifestPromise) {
      manifestPromise = fetch(new URL("pagefind/languages.json", base)).then(function (r) { return r.json(); });
      manifestPromise.catch(function (e) { console.error("Pagefind search unavailable:", e); });
    }
    return manifestPromise;
  }
  function languages() {
    return manifest().then(function (m) { return m.languages || {}; });
  }
  /* The runtime's URL, once it is downloaded: every bundle's module is imported
   * from it after, so the browser's cache answers. */
  function runtime() {
    if (!runtimePromise) {
      runtimePromise = manifest().then(function (m) {
        var url = new URL("pagefind/" + m.runtime, base);
        return import(url.href).then(function () { return url; });
      });
    }
    return runtimePromise;
  }
  var symbolTables = {};   // shard -> promise of {key: [{symbol, url, lang, title}]}
  function symbolTable(shard) {
    if (!symbolTables[shard]) {
      symbolTables[shard] = fetch(new URL("pagefind/symbols/" + shard + ".json", base))
        .then(function (r) { return r.ok ? r.json() : {}; });
    }
    return symbolTables[shard];
  }
  function engine(lang) {
    if (!enginePromises[lang]) {
      enginePromises[lang] = Promise.all([languages(), runtime()]).then(function (got) {
        var bundle = new URL("pagefind/" + got[0][lang].bundle, base);
        return import(got[1].href + "#" + lang).then(function (mod) {
          return Promise.resolve(mod.options({ basePath: bundle.pathname, noWorker: true }))
            .then(function () { return mod.init(); })
            .then(function () { return { lang: lang, pagefind: mod }; });
        });
      });
      enginePromises[lang].catch(function (e) { console.error("Pagefind bundle " + lang + " unavailable:", e); });
    }
    return enginePromises[lang];
  }

  /* The bundles a query needs, from those listed ({lang: {bundle, pages,
   * texts, script}}): {first, later}. Needed: the interface language's (the
   * metadata of every instrument, in that language), and each bundle holding
   * texts (not the metadata alone) whose language is written in a script the
   * query's letters other than Latin are in; every bundle holding texts for a
   * query with no other letters (Latin letters and digits are in the texts of
   * every language). First, before the first results: the interface
   * language's if the query has no other letters or is in its script, else
   * the bundles of the query's script; the others later. */
  function scriptOf(lang, all) {
    try { return new RegExp("\\p{Script=" + all[lang].script + "}", "u"); } catch (e) { return null; }
  }
  function neededLanguages(query, all) {
    var langs = Object.keys(all).sort().filter(function (l) { return all[l].texts > 0 || l === uiLang; });
    var own = query.replace(/\p{Script=Latin}/gu, "");
    var letters = /\p{L}/u.test(own);
    var inScript = langs.filter(function (l) { var re = scriptOf(l, all); return re && re.test(own); });
    var need = letters ? inScript.slice() : langs.slice();
    if (langs.indexOf(uiLang) >= 0 && need.indexOf(uiLang) < 0) need.push(uiLang);
    var first = !letters || inScript.indexOf(uiLang) >= 0 || !inScript.length
      ? need.filter(function (l) { return l === uiLang; }) : inScript;
    if (!first.length) first = need.slice(0, 1);
    return { first: first, later: need.filter(function (l) { return first.indexOf(l) < 0; }) };
  }

  /* ------------------------------------------- paragraphs of a Pagefind hit
   * A Pagefind fragment has the indexed text (raw_content, words separated by
   * whitespace, or by U+200B for segmented CJK) and `anchors`: every element
   * with an id and the word position where it starts. Pagefind's own
   * sub_results only use headings; here every id'd element (e.g. <p
   * id="para_3">) delimits a paragraph, so a hit can link to it.
   */
  /* Pagefind's raw_content is the page's text with "<" and ">" written "&lt;" and
   * "&gt;" (and its U+200B kept); its content is the text itself without the U+200B.
   * A text that says "&lt;" itself reads the same in raw_content, so each "&lt;" or
   * "&gt;" is told apart by what content has at that place. */
  function unescapeRaw(raw, content) {
    var out = "", j = 0;
    for (var i = 0; i < raw.length; ) {
      if (raw[i] === "\u200b") { out += raw[i++]; continue; }
      var entity = raw.startsWith("&lt;", i) ? "<" : raw.startsWith("&gt;", i) ? ">" : null;
      if (entity && content[j] === entity) { out += entity; i += 4; j += 1; continue; }
      out += raw[i++]; j += 1;
    }
    return out;
  }

  function paragraphs(data) {
    var raw = unescapeRaw(data.raw_content, data.content);
    var zws = raw.indexOf("\u200b") >= 0;
    var words = zws ? raw.split("\u200b") : raw.split(/[\r\n\s]+/g);
    var joiner = zws ? "" : " ";
    // paragraphs are what a text's elements with an id hold (p, li, a heading...), not a
    // control's (the header's "All details" box)
    var anchors = (data.anchors || []).filter(function (a) { return !/^(input|label|button|select|a)$/i.test(a.element || ""); })
      .slice().sort(function (a, b) { return a.location - b.location; });
    var starts = [{ id: null, location: 0 }].concat(anchors);
    var out = [];
    for (var i = 0; i < starts.length; i++) {
      var end = i + 1 < starts.length ? starts[i + 1].location : words.length;
      if (end <= starts[i].location) continue;  // nested id: the inner one wins
      var text = words.slice(starts[i].location, end).join(joiner).replace(/\s+/g, " ").trim();
      if (text) out.push({ id: starts[i].id, start: starts[i].location, end: end, text: text });
    }
    return out;
  }

  function literalHits(text, terms) {
    var f = foldMap(text).text.replace(/\s+/g, " ");
    return terms.filter(function (term) { return f.indexOf(term) >= 0; }).length;
  }

  /* A crude stem for the check above: the word less a short ending. */
  function stem(term) {
    return term.length > 5 ? term.slice(0, Math.max(4, term.length - 3)) : term;
  }

  /* Pick the paragraphs to link for one Pagefind result. `symbol`: 2 if the
   * page's own symbol (<p id="symbol">) is the query, 1 if that paragraph
   * holds the query, else 0 (a page that only cites the symbol). */
  function analyse(data, terms, strict) {
    var paras = paragraphs(data);
    var scored = paras.map(function (p) { return { p: p, hits: literalHits(p.text, terms) }; });
    var full = scored.filter(function (s) { return s.hits === terms.length; }).map(function (s) { return s.p; });
    if (full.length) {
      var own = full.filter(function (p) { return p.id === "symbol"; })[0];
      var symbol = own ? (fold(own.text) === terms.join(" ") ? 2 : 1) : 0;
      return { paras: full.slice(0, MAX_PARAGRAPHS), literal: true, symbol: symbol };
    }
    var page = paras.map(function (p) { return p.text; }).join(" ");
    if (strict) {
      // CJK or symbol query: a text qualifies only if it contains every term
      // as typed (after folding) -- anywhere on the page.
      if (literalHits(page, terms) < terms.length) return null;
    } else if (literalHits(page, terms.map(stem)) < terms.length) {
      // Pagefind's matching is lenient (prefixes, typos): keep a word query only
      // where the page holds each word or its stem ("cooperating" -> "cooperat").
      return null;
    }
    // Stemmed or scattered match: paragraph holding Pagefind's best location.
    var best = (data.weighted_locations || []).slice().sort(function (a, b) { return b.weight - a.weight; })[0];
    var loc = best ? best.location : 0;
    var para = paras.filter(function (p) { return p.start <= loc && loc < p.end; })[0] || paras[0];
    return para ? { paras: [para], literal: false, symbol: 0 } : null;
  }

  /* ------------------------------------------------------------ rendering */
  function highlightInto(el, text, terms) {
    var fm = foldMap(text), ranges = [];
    terms.forEach(function (term) {
      for (var i = fm.text.indexOf(term); term && i >= 0; i = fm.text.indexOf(term, i + term.length)) {
        var end = fm.map[i + term.length - 1] + 1;
        // Take trailing harakat / tatweel into the mark: تُرحِّبُ, not تُرحِّب + ُ
        while (end < text.length && /\S/.test(text[end]) && foldChar(text[end]) === "") end++;
        ranges.push([fm.map[i], end]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      el.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      pos = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(pos)));
    return ranges.length;
  }

  function excerpt(text, terms) {
    var fm = foldMap(text), first = -1;
    terms.forEach(function (term) {
      var i = fm.text.indexOf(term);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    var at = first >= 0 ? fm.map[first] : 0;
    var width = CJK.test(text) ? Math.round(EXCERPT_CHARS / 2) : EXCERPT_CHARS;
    var start = Math.max(0, at - Math.round(width / 3));
    var end = Math.min(text.length, start + width);
    return (start > 0 ? "\u2026" : "") + text.slice(start, end) + (end < text.length ? "\u2026" : "");
  }

  function languageName(lang) {
    try { return new Intl.DisplayNames([uiLang], { type: "language" }).of(lang); }
    catch (e) { return lang; }
  }

  function link(data, para, terms, rawTerms, score, first, lang) {
    var url = new URL(data.raw_url.replace(/^\//, ""), base);
    rawTerms.forEach(function (w) { url.searchParams.append(HIGHLIGHT_PARAM, w); });
    if (para.id) url.hash = para.id;
    var a = document.createElement("a");
    a.href = url.href;
    a.className = "md-search-result__link";
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.setAttribute("data-md-score", score.toFixed(2));
    article.lang = lang;
    if (first) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
      var h1 = document.createElement("h1");
      h1.dir = RTL.indexOf(lang) >= 0 ? "rtl" : "ltr";
      highlightInto(h1, (data.meta && data.meta.title) || data.raw_url, terms);
      if (lang !== uiLang) {
        var badge = document.createElement("span");
        badge.className = "pf-lang";
        badge.textContent = languageName(lang);
        badge.lang = uiLang;
        h1.appendChild(badge);
      }
      article.appendChild(h1);
    }
    var p = document.createElement("p");
    p.dir = RTL.indexOf(lang) >= 0 ? "rtl" : "ltr";
    highlightInto(p, excerpt(para.text, terms), terms);
    article.appendChild(p);
    a.appendChild(article);
    return a;
  }

  /* ------------------------------------------------------- the search box */
  var root = document.querySelector("[data-accord-search]");
  var input = root && root.querySelector(".md-search__input");
  var meta = root && root.querySelector(".md-search-result__meta");
  var list = root && root.querySelector(".md-search-result__list");
  var searchId = 0, timer = null;

  /* ------------------------------------------------------------ filters
   * One list a filter (body, type, year, language of the text), its values
   * those of the results shown (each fragment's meta), and where a bundle
   * found more pages than are analysed, every value of its tree
   * (pagefind/<lang>/facets.json): no value that leads to nothing where all
   * results are shown. Each is named in the interface language
   * (data-accord-values), a year in its digits; a list with one value and
   * none chosen is not shown. A choice searches again: a bundle's results are
   * those of its pages with each value chosen (pagefind/<lang>/facets/<filter>/
   * <value>.json: their Pagefind ids), before the first are analysed. */
  var facetTables = {};    // url -> promise of a JSON table
  function facetTable(lang, path) {
    var url = new URL("pagefind/" + lang + "/" + path, base).href;
    if (!facetTables[url]) {
      facetTables[url] = fetch(url).then(function (r) { return r.ok ? r.json() : null; });
    }
    return facetTables[url];
  }
  /* Pagefind's results of one bundle, less those without every value chosen. */
  function narrowed(lang, results, chosen) {
    var keys = Object.keys(chosen);
    if (!keys.length) return Promise.resolve(results);
    return Promise.all(keys.map(function (key) {
      return facetTable(lang, "facets/" + key + "/" + chosen[key] + ".json");
    })).then(function (lists) {
      var sets = lists.map(function (ids) { return new Set(ids || []); });
      return results.filter(function (r) { return sets.every(function (set) { return set.has(r.id); }); });
    });
  }
  var filterBox = root && root.querySelector(".pf-filters");
  var selects = filterBox ? Array.prototype.slice.call(filterBox.querySelectorAll("select")) : [];
  var names = filterBox ? JSON.parse(filterBox.getAttribute("data-accord-values") || "{}") : {};
  function localDigits(text) {
    var d = names.digits || "0123456789";
    return String(text).replace(/[0-9]/g, function (c) { return d[Number(c)]; });
  }
  function valueName(key, value) {
    return key === "year" ? localDigits(value) : ((names[key] || {})[value] || value);
  }
  function activeFilters() {
    var chosen = {};
    selects.forEach(function (sel) { if (sel.value) chosen[sel.name] = sel.value; });
    return chosen;
  }
  function showFilters(facets, query) {
    if (!filterBox) return;
    var any = false;
    selects.forEach(function (sel) {
      var key = sel.name, chosen = sel.value;
      var counts = facets[key] || {};
      var values = Object.keys(counts).filter(function (v) { return counts[v] > 0; });
      if (chosen && values.indexOf(chosen) < 0) values.push(chosen);
      values.sort(key === "year" ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return valueName(key, a).localeCompare(valueName(key, b), uiLang); });
      var now = Array.prototype.slice.call(sel.options, 1).map(function (o) { return o.value; });
      if (now.join("\n") !== values.join("\n")) {
        while (sel.options.length > 1) sel.remove(1);
        values.forEach(function (v) { sel.add(new Option(valueName(key, v), v)); });
        sel.value = chosen;
      }
      var useful = !!query && (values.length > 1 || !!chosen);
      sel.closest(".pf-filter").hidden = !useful;
      any = any || useful;
    });
    filterBox.hidden = !any;
  }
  function mergeFacets(into, more) {
    Object.keys(more || {}).forEach(function (key) {
      into[key] = into[key] || {};
      Object.keys(more[key]).forEach(function (v) { into[key][v] = (into[key][v] || 0) + more[key][v]; });
    });
  }

  /* Show `hits` for `query`. data-pf-first: results of this query are shown
   * (maybe not all bundles yet); data-pf-query: this query's search is
   * complete, every bundle merged in (for tests and the benchmark). */
  function render(query, hits, complete) {
    var focused = document.activeElement && list.contains(document.activeElement)
      ? document.activeElement.getAttribute("href") : null;
    list.innerHTML = "";
    root.removeAttribute("data-pf-query");
    root.removeAttribute("data-pf-first");
    if (!query) { meta.textContent = t("search.result.placeholder"); return; }
    meta.textContent = hits.length === 0 ? t("search.result.none")
      : hits.length === 1 ? t("search.result.one") : t("search.result.other", hits.length);
    var rawTerms = query.split(/\s+/).filter(Boolean);
    hits.forEach(function (hit, i) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      hit.analysis.paras.forEach(function (para, k) {
        // Descending scores: Material's Enter opens the first (best) link.
        var score = (hits.length - i) * 10 + (MAX_PARAGRAPHS - k);
        li.appendChild(link(hit.data, para, hit.terms, rawTerms, score, k === 0, hit.lang));
      });
      list.appendChild(li);
    });
    if (focused) {   // a re-render keeps the keyboard on the same result
      var again = Array.prototype.filter.call(list.querySelectorAll("a"), function (a) {
        return a.getAttribute("href") === focused;
      })[0];
      if (again) again.focus();
    }
    root.setAttribute("data-pf-first", query);
    if (complete) root.setAttribute("data-pf-query", query);
  }

  /* One hit a page, whichever trees' bundles found it (build_search.py indexes
   * every instrument page in every tree: its metadata in that tree's language, its
   * text in its own): the hit in a paragraph of the text before a hit in the
   * metadata, then the interface language's, then Pagefind's score. */
  function pageOf(data) { return (data.meta && data.meta.page) || data.url; }
  function inText(hit) { return hit.analysis.paras.some(function (p) { return p.id; }); }
  function better(a, b) {
    return (inText(a) - inText(b)) || ((a.lang === uiLang) - (b.lang === uiLang)) || (a.score - b.score);
  }
  function keeper(hits) {
    return function (hit) {
      for (var i = 0; i < hits.length; i++) {
        if (pageOf(hits[i].data) === pageOf(hit.data)) {
          if (better(hit, hits[i]) > 0) hits[i] = hit;
          return;
        }
      }
      hits.push(hit);
    };
  }

  /* Own symbol first, then the interface language, literal (as typed)
   * matches, Pagefind's score, the address. */
  function rank(hits) {
    return hits.slice().sort(function (a, b) {
      return b.analysis.symbol - a.analysis.symbol
        || (b.lang === uiLang) - (a.lang === uiLang)
        || b.analysis.literal - a.analysis.literal
        || b.score - a.score
        || (a.data.url < b.data.url ? -1 : a.data.url > b.data.url ? 1 : 0);   // the same order every time
    });
  }

  /* Start loading what `query` will need while the input is debounced. */
  function warm(query) {
    if (!query) return;
    languages().then(function (all) {
      neededLanguages(query, all).first.forEach(function (lang) { engine(lang); });
    }).catch(function () {});
  }

  function run() {
    var query = input.value.trim();
    var id = ++searchId;
    root.removeAttribute("data-pf-query");
    if (!query) { render("", []); showFilters({}, ""); return; }
    var filters = activeFilters(), filtered = Object.keys(filters).length > 0;
    var facets = {};
    var terms = queryTerms(query);
    var strict = terms.some(function (w) { return CJK.test(w) || SYMBOL.test(w); });
    var wholeSymbol = terms.length === 1 && SYMBOL.test(query) && !CJK.test(query) && !ARABIC.test(query);
    var pfq = pagefindQuery(query);
    var hits = [], shown = null;
    var keep = keeper(hits);
    function current() { return id === searchId; }
    function results(lang) {
      return engine(lang).then(function (e) { return e.pagefind.search(pfq); })
        .then(function (res) { return narrowed(lang, res.results, filters); })
        .then(function (found) {
          if (found.length <= MAX_PER_LANGUAGE) return found.slice(0, MAX_PER_LANGUAGE);
          return facetTable(lang, "facets.json").then(function (all) {    // more than are analysed
            if (current()) mergeFacets(facets, all);
            return found.slice(0, MAX_PER_LANGUAGE);
          });
        });
    }
    // Fetch and analyse fragments [from, to) of one bundle's results.
    function analyseRange(lang, found, from, to) {
      return Promise.all(found.slice(from, to).map(function (r) {
        return r.data().then(function (data) {
          if (!current()) return;
          if (hits.some(function (h) { return h.data.url === data.url; })) return;   // found twice
          var analysis = analyse(data, terms, strict);
          if (!analysis) return;
          keep({ lang: lang, score: r.score, data: data, terms: terms, analysis: analysis });
          selects.forEach(function (sel) {    // the meta of a page: its codes, space-separated
            var one = {}; one[sel.name] = {};
            String((data.meta || {})[sel.name] || "").split(/\s+/).filter(Boolean)
              .forEach(function (v) { one[sel.name][v] = 1; });
            mergeFacets(facets, one);
          });
        });
      }));
    }
    // A symbol typed whole (A/RES/71/19): the documents bearing it, from the
    // symbol table (build_search.py: pagefind/symbols/<shard>.json), whatever
    // Pagefind's rank for them among the pages that cite it or share its parts.
    // -> how many were found (each a hit on its symbol line).
    function ownDocuments() {
      var key = query.toLowerCase().replace(/[^a-z0-9]+/g, "");
      if (!wholeSymbol || !key || filtered) return Promise.resolve(0);   // the table knows no filters
      return symbolTable(key.slice(-2)).then(function (table) {
        if (!current()) return 0;
        var before = hits.length;
        (table[key] || []).forEach(function (e) {
          var data = { url: e.url, raw_url: e.url, meta: { title: e.title, page: e.page },
                       raw_content: e.symbol, anchors: [{ id: "symbol", location: 0 }] };
          var analysis = analyse(data, terms, strict);
          if (analysis && analysis.symbol === 2) {
            keep({ lang: e.lang, score: 1e9, data: data, terms: terms, analysis: analysis });
          }
        });
        return hits.length - before;
      }).catch(function () { return 0; });
    }
    function show(complete) {
      if (!current()) return;
      var ranked = rank(hits);
      var key = ranked.map(function (h) { return h.data.raw_url; }).join("\n");
      if (!complete && !ranked.length) return;           // never "no results" too early
      showFilters(facets, query);
      if (key === shown && !complete) return;
      if (key === shown && complete) { root.setAttribute("data-pf-query", query); return; }
      shown = key;
      render(query, ranked, complete);
    }
    languages().then(function (all) {
      var needed = neededLanguages(query, all);
      var first = needed.first, later = needed.later;
      // Before the first render: the documents bearing a symbol typed whole
      // (shown at once), else the first few fragments of these bundles.
      return ownDocuments().then(function (owned) {
        if (owned) show(false);
        return Promise.all(first.map(function (lang) {
          return results(lang).then(function (found) {
            var count = owned ? 0 : FIRST_FRAGMENTS;
            return analyseRange(lang, found, 0, count).then(function () { return { found: found, count: count }; });
          });
        }));
      }).then(function (founds) {
        if (!current()) return;
        show(false);
        // Then, once the first results are painted, the rest: more fragments
        // of these bundles, the other bundles.
        return new Promise(function (resolve) { setTimeout(resolve, LATER_MS); }).then(function () {
          if (!current()) return;
          var rest = first.map(function (lang, i) {
            return analyseRange(lang, founds[i].found, founds[i].count, MAX_PER_LANGUAGE)
              .then(function () { show(false); });
          }).concat(later.map(function (lang) {
            return results(lang).then(function (found) { return analyseRange(lang, found, 0, MAX_PER_LANGUAGE); });
          }));
          return Promise.all(rest).then(function () { show(true); });
        });
      });
    }).catch(function (e) { console.error(e); });
  }

  /* --------------------------------------------- the box's own behaviour */
  var toggle = document.getElementById("__search");
  function isOpen() { return toggle ? toggle.checked : document.activeElement === input; }
  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  function editable(el) {
    return el instanceof Element && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }
  function bestLink(links) {   // the highest data-md-score, the first of equals
    return links.reduce(function (best, a) {
      var score = function (el) { var art = el.querySelector("article"); return art ? Number(art.getAttribute("data-md-score")) || 0 : 0; };
      return best === null || score(a) > score(best) ? a : best;
    }, null);
  }
  // The box may become visible only once the open toggle is styled (a phone
  // layout): focus it now, or on the next frame if it could not take focus yet.
  function focusInput() {
    input.focus();
    input.select();
    if (document.activeElement !== input) {
      requestAnimationFrame(function () { input.focus(); input.select(); });
    }
  }
  // Where the reader was before the search took the focus (by a shortcut, a
  // click or Tab: the focus event's relatedTarget): Escape goes back there.
  var returnTo = null;
  function rememberWhereFrom(el) {
    if (el instanceof Node && root.contains(el)) return;        // from a result: still searching
    returnTo = el instanceof HTMLElement && el !== document.body ? el : null;
  }
  function goBack() {
    var back = returnTo;
    returnTo = null;
    if (back && back.isConnected) back.focus({ preventScroll: true }); else input.blur();
  }
  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    if (!isOpen()) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "f") && !editable(ev.target)) {
        ev.preventDefault();
        setOpen(true);
        focusInput();
      }
      return;
    }
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (ev.key === "Escape") {
      ev.preventDefault();
      setOpen(false);
      goBack();
    } else if (ev.target instanceof Element && ev.target.closest(".pf-filters")) {
      return;                                              // a list's own keys
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!links.length) return;
      ev.preventDefault();
      var next = ev.key === "ArrowDown" ? at + 1 : (at < 0 ? links.length : at) - 1;
      if (next < 0 || next >= links.length) input.focus(); else links[next].focus();
    } else if (ev.key === "Enter" && document.activeElement === input) {
      ev.preventDefault();
      var best = bestLink(links);
      if (best) best.click();
    }
  }

  if (input && meta && list) {
    root.setAttribute("data-accord-search", "ready");     // shown (search-box.css)
    document.addEventListener("keydown", onKey);
    input.addEventListener("focus", function (ev) { loadStyles(); rememberWhereFrom(ev.relatedTarget); setOpen(true); });
    list.addEventListener("click", function (ev) {
      if (ev.target instanceof Element && ev.target.closest(".md-search-result__link")) setOpen(false);
    });
    // Fetch the list of bundles on first interest, not on every page view;
    // a bundle itself is loaded when a query needs it.
    input.addEventListener("focus", function () {
      languages().then(function () {
        // Replace Material's "Initializing search" once search can run.
        if (input.value.trim()) { warm(input.value.trim()); run(); }   // e.g. ?q= opened by Material
        else if (!list.children.length) meta.textContent = t("search.result.placeholder");
      });
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      warm(input.value.trim());
      timer = setTimeout(run, 120);
    });
    input.form.addEventListener("reset", function () {
      selects.forEach(function (sel) { sel.value = ""; });
      setTimeout(function () { render("", []); showFilters({}, ""); }, 0);
    });
    if (filterBox) filterBox.addEventListener("change", function () { clearTimeout(timer); run(); });
  }

  /* -------------------------------------------- highlight on the target page
   * Result links carry ?h=term; mark the (folded) terms in the page text.
   * Pagefind's pagefind-highlight.js (mark.js) is not used: it matches the
   * terms literally, so a hamza-less query would not be marked in the text.
   */
  function highlightPage() {
    var params = new URL(location.href).searchParams.getAll(HIGHLIGHT_PARAM);
    var terms = queryTerms(params.join(" ")).filter(function (w) { return w.length > 1 || CJK.test(w); });
    if (!terms.length) return;
    loadStyles();
    var scope = document.querySelector("[data-pagefind-body]") || document.querySelector(".md-content__inner");
    if (!scope) return;
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("script,style,mark,.headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    nodes.forEach(function (node) {
      var span = document.createElement("span");
      if (highlightInto(span, node.nodeValue, terms)) {
        Array.prototype.forEach.call(span.querySelectorAll("mark"), function (m) {
          m.setAttribute("data-pf-highlight", "");
        });
        node.replaceWith.apply(node, Array.prototype.slice.call(span.childNodes));
      }
    });
    if (location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) { target.classList.add("pf-target"); target.scrollIntoView({ block: "center" }); }
    }
  }
  highlightPage();
})();
