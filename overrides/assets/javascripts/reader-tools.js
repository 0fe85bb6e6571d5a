/* Accord reader tools.
 *
 * 1. Cite a paragraph: beside the ¶ permalink of every block with an id in the text
 *    (paragraph, sub-item, article, heading) a button copies its citation in the
 *    interface language, with its permanent link:
 *      "A/RES/71/19, para. 3 (a). Available at https://…/#para_3__list_1__point_a"
 *    The pinpoint of each Akoma Ntoso id (para_3__list_1__point_a -> 3 (a)), the
 *    forms, the symbol or title and the labels come from the hidden .reader-data
 *    element that accord/reader_data.py puts on every instrument page (forms are data,
 *    in accord/labels.yml, `reader.cite`; pinpoints from accord/pinpoints.py).
 * 2. Parallel view (docs/parallel.md): two language versions of an instrument side by
 *    side, aligned by their shared paragraph ids, from data/instruments/<id>.json.
 *
 * No framework, nothing fetched from another host.
 */
(function () {
  "use strict";

  // Material Design "format-quote-close" icon (inline: nothing is fetched).
  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3l-2 4Z"/></svg>';

  // A later language version's ids on a page showing several: "en-para_3" (text_versions.py).
  var VERSION_PREFIX = /^(?:ar|en|es|fr|ru|zh)-/;

  /* The pinpoint of an id: {kind, a, s, n}, kind a key of `reader.cite` in
   * accord/labels.yml, or {kind: null} where the id names no citable unit (a heading,
   * the formula, a signature): then the citation is the symbol or title alone. The
   * build reads every id of the page (accord/pinpoints.py, the one rule, which "Cited
   * by" follows too) into the .reader-data element, in the interface language. */
  function pinpoint(id, data) {
    data = data || readerData();
    return (data && data.pinpoints[id.replace(VERSION_PREFIX, "")]) || { kind: null };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return values[key] == null ? whole : values[key];
    });
  }

  function readerData() {
    var el = document.querySelector(".reader-data");
    if (!el) return null;
    var forms = {}, pins = {};
    try { forms = JSON.parse(el.getAttribute("data-cite-forms") || "{}"); } catch (e) { forms = {}; }
    try { pins = JSON.parse(el.getAttribute("data-cite-pinpoints") || "{}"); } catch (e) { pins = {}; }
    return {
      title: el.getAttribute("data-cite-title"),
      lang: el.getAttribute("data-cite-lang") || document.documentElement.lang,
      forms: forms,
      pinpoints: pins,
      withLink: el.getAttribute("data-cite-with-link") || "{citation} {url}",
      labelCite: el.getAttribute("data-label-cite") || "Copy citation",
      labelCopied: el.getAttribute("data-label-copied") || "Copied"
    };
  }

  function permalink(id) {
    return location.origin + location.pathname + location.search + "#" + id;
  }

  /* The citation of a block: "A/RES/71/19, para. 3 (a)". */
  function citation(id, data) {
    data = data || readerData();
    if (!data) return null;
    var pin = pinpoint(id, data);
    var form = pin.kind && data.forms[pin.kind];
    if (!form) return data.title;
    return fill(form, { title: data.title, a: pin.a, s: pin.s, n: pin.n });
  }

  function citationWithLink(id, data) {
    data = data || readerData();
    return fill(data.withLink, { citation: citation(id, data), url: permalink(id) });
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!legacyCopy(text)) throw new Error("copy failed");
      });
    }
    return legacyCopy(text) ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function status() {
    var region = document.querySelector(".reader-status");
    if (!region) {
      region = document.createElement("div");
      region.className = "reader-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  /* "Citation copied" and the text copied, on two lines, each in its own direction. */
  function announce(label, text) {
    var region = status();
    region.textContent = "";
    if (label) {
      var head = document.createElement("strong");
      head.textContent = label;
      region.appendChild(head);
    }
    var body = document.createElement("span");
    body.setAttribute("dir", "auto");
    body.textContent = text;
    region.appendChild(body);
  }

  function addCiteButtons() {
    var data = readerData();
    if (!data) return;
    var blocks = document.querySelectorAll(".instrument-text [id], .text-version [id]");
    Array.prototype.forEach.call(blocks, function (block) {
      var id = block.id;
      if (!id || id === "symbol" || id.indexOf(":") >= 0) return;
      var link = null;
      for (var c = block.firstElementChild; c; c = c.nextElementSibling) {
        if (c.classList.contains("headerlink")) { link = c; break; }
      }
      if (!link || block.querySelector(":scope > .cite-button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button";
      button.setAttribute("data-cite", id);
      button.setAttribute("aria-label", data.labelCite + ": " + citation(id, data));
      button.title = data.labelCite;
      button.setAttribute("data-pagefind-ignore", "");
      button.innerHTML = ICON;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var text = citationWithLink(id, data);
        copy(text).then(function () {
          button.classList.add("cite-button--copied");
          announce(data.labelCopied, text);
          window.setTimeout(function () { button.classList.remove("cite-button--copied"); }, 2000);
        }, function () {
          announce("", text);
        });
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  // ------------------------------------------------------------------ parallel view

  /* The ids of both versions in one reading order: the first version's order, each id
   * only in the second inserted after the id that precedes it there. */
  function alignedIds(first, second) {
    var order = first.map(function (p) { return p.id; });
    var seen = {};
    order.forEach(function (id) { seen[id] = true; });
    var previous = null;
    second.forEach(function (p) {
      if (!seen[p.id]) {
        var at = previous === null ? 0 : order.indexOf(previous) + 1;
        order.splice(at, 0, p.id);
        seen[p.id] = true;
      }
      previous = p.id;
    });
    return order;
  }

  function cell(paragraph, lang, dir, root, missing) {
    var div = document.createElement("div");
    div.className = "parallel-cell";
    if (!paragraph) {
      div.classList.add("parallel-cell--missing");
      var note = document.createElement("p");
      note.className = "parallel-missing";
      note.textContent = missing;
      div.appendChild(note);
      return div;
    }
    div.setAttribute("lang", lang);
    div.setAttribute("dir", dir);
    var p = document.createElement(paragraph.kind === "heading" ? "h3" : "p");
    p.className = "parallel-text parallel-text--" + paragraph.kind;
    var anchor = document.createElement("a");
    anchor.className = "parallel-link";
    anchor.href = root + paragraph.url;
    anchor.textContent = paragraph.number || "¶";
    p.appendChild(anchor);
    p.appendChild(document.createTextNode(" " + paragraph.text));
    div.appendChild(p);
    return div;
  }

  function renderParallel(view, data, left, right) {
    var root = view.getAttribute("data-root") || "";
    var missing = view.getAttribute("data-missing") || "";
    var names = {};
    try { names = JSON.parse(view.getAttribute("data-names") || "{}"); } catch (e) { names = {}; }
    var a = data.versions[left], b = data.versions[right];
    view.textContent = "";
    if (!a || !b) return;
    var byId = function (version) {
      var map = {};
      version.paragraphs.forEach(function (p) { map[p.id] = p; });
      return map;
    };
    var mapA = byId(a), mapB = byId(b);
    var head = document.createElement("div");
    head.className = "parallel-row parallel-row--head";
    [[left, a], [right, b]].forEach(function (pair) {
      var h = document.createElement("div");
      h.className = "parallel-cell parallel-cell--head";
      var name = document.createElement("p");
      name.className = "parallel-language";
      name.textContent = names[pair[0]] || pair[0];
      var title = document.createElement("h2");
      title.setAttribute("lang", pair[0]);
      title.setAttribute("dir", pair[1].dir);
      title.textContent = pair[1].title || data.id;
      h.appendChild(name);
      h.appendChild(title);
      head.appendChild(h);
    });
    view.appendChild(head);
    alignedIds(a.paragraphs, b.paragraphs).forEach(function (id) {
      var row = document.createElement("div");
      row.className = "parallel-row";
      row.setAttribute("data-paragraph", id);
      row.appendChild(cell(mapA[id], left, a.dir, root, missing));
      row.appendChild(cell(mapB[id], right, b.dir, root, missing));
      view.appendChild(row);
    });
    view.setAttribute("data-ready", left + "|" + right);
  }

  function initParallel() {
    var view = document.querySelector("[data-parallel-view]");
    var form = document.querySelector("[data-parallel-form]");
    if (!view || !form) return;
    var selInstrument = form.elements.instrument, selLeft = form.elements.left, selRight = form.elements.right;
    var params = new URLSearchParams(location.search);
    var cache = {};

    function languagesOf() {
      var option = selInstrument.options[selInstrument.selectedIndex];
      return (option && option.getAttribute("data-languages") || "").split(" ").filter(Boolean);
    }
    function restrict(select, languages, wanted, avoid) {
      Array.prototype.forEach.call(select.options, function (o) {
        o.disabled = languages.indexOf(o.value) < 0;
        o.hidden = o.disabled;
      });
      var choice = languages.indexOf(wanted) >= 0 ? wanted : null;
      if (!choice) choice = languages.filter(function (l) { return l !== avoid; })[0] || languages[0];
      select.value = choice;
    }
    function update(push) {
      var id = selInstrument.value;
      var query = "?instrument=" + encodeURIComponent(id) + "&left=" + selLeft.value + "&right=" + selRight.value;
      if (push) history.replaceState(null, "", location.pathname + query);
      var load = cache[id] || (cache[id] = fetch((view.getAttribute("data-root") || "") + "data/instruments/" +
        encodeURIComponent(id) + ".json").then(function (r) { return r.json(); }));
      load.then(function (data) { renderParallel(view, data, selLeft.value, selRight.value); });
    }
    if (params.get("instrument")) selInstrument.value = params.get("instrument");
    var langs = languagesOf();
    restrict(selLeft, langs, params.get("left") || document.documentElement.lang, null);
    restrict(selRight, langs, params.get("right"), selLeft.value);
    selInstrument.addEventListener("change", function () {
      var l = languagesOf();
      restrict(selLeft, l, selLeft.value, null);
      restrict(selRight, l, selRight.value, selLeft.value);
      update(true);
    });
    selLeft.addEventListener("change", function () { update(true); });
    selRight.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update(false);
  }

  window.accordReader = { pinpoint: pinpoint, citation: citation, citationWithLink: citationWithLink, alignedIds: alignedIds };

  function init() {
    addCiteButtons();
    initParallel();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
