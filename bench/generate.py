"""Synthetic corpora for the benchmark, made from the structure and text of the real sources.

    python -m bench.generate 100 /tmp/accord-bench/100

makes a throw-away project copy (mkdocs.yml, hooks/, accord/, overrides/, scripts/, docs/assets,
the top-level pages docs/*.md) whose sources/ hold copies of the four real sources of /work/main/sources,
with distinct instrument ids, symbols and numbers, until the corpus holds exactly N
instruments, the six real instruments included (pages of the site name them). Copies keep the languages, the conversion debris, the footnotes, the
articles and the layouts of their originals; their citations are rewritten so that
copies cite one another (xref has work, "Cited by" fills):

* GA resolution 71/19 (zh)    -> A/RES/<S>/<N>; it cites the previous copy instead of 51/1
* draft resolution 2018 (ar)  -> cites resolution copy k (written number/session in
                                 Arabic-Indic digits, as UN Arabic does) instead of 71/19
* CTOC/COP/WG.3/2024/1 (zh)   -> CTOC/COP/WG.3/<Y>/<n>; it cites the previous copy
                                 instead of CTOC/COP/WG.3/2023/4
* ITU PP-18 document (zh)     -> three instruments (note, agreement with 9 articles,
                                 Council decision <D>, document C17/<c>); the note cites
                                 its own decision copy

Every generated file says it is synthetic benchmark data; every English title starts
with "Synthetic benchmark copy". Nothing here is ever written into the real project.

Two configurations are written beside each other:

* ``mkdocs.yml``          the site's own configuration, unchanged (Pagefind search,
                          small navigation)
* ``mkdocs-default.yml``  the stack's default configuration on the same docs/: no
                          ``nav:`` (Material lists every page on every page), Material's
                          ``search`` plugin (lunr) instead of Pagefind, and the overrides
                          without the Pagefind search box. ``languages`` may limit the
                          language trees it builds (for the largest corpus, see run.py).
"""
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

# The real sources, by role, and how many instruments each file holds.
RES = "001_8fdf4e3fb0bbf18e"      # GA resolution 71/19, zh, 1 instrument
DRAFT = "002_2c65158842a940c1"    # GA draft resolution 2018, ar, 1 instrument
AGENDA = "004_2c512c1415575397"   # CTOC/COP/WG.3/2024/1, zh, 1 instrument
ITU = "000_2077955862ef2f4d"      # ITU PP-18 document, zh, 3 instruments
CYCLE = [(RES, 1), (DRAFT, 1), (AGENDA, 1), (ITU, 3)]

BANNER = ("# SYNTHETIC BENCHMARK DATA (bench/generate.py): a rewritten copy of {orig}.\n"
          "# Not a real instrument; never publish.\n")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Pagefind search box of the site: left out of the default configuration's overrides.
PAGEFIND_OVERRIDES = ("partials/header.html", "partials/search.html",
                      "assets/javascripts/pagefind-search.js", "assets/stylesheets/pagefind-search.css")


def res_symbol(k):
    """Resolution copy k (1-based) -> (session, number): 901/1 ... 901/50, 902/1 ..."""
    return 901 + (k - 1) // 50, (k - 1) % 50 + 1


def agenda_symbol(k):
    """Agenda copy k -> CTOC/COP/WG.3/<year>/<n>."""
    return f"CTOC/COP/WG.3/{2101 + (k - 1) // 20}/{(k - 1) % 20 + 1}"


def plan(n):
    """Which source to copy, in order, so that the corpus holds exactly ``n`` instruments."""
    out, total, i = [], 0, 0
    while total < n:
        name, count = CYCLE[i % len(CYCLE)]
        i += 1
        if total + count > n:
            continue
        out.append(name)
        total += count
    return out


def _load(name):
    text = (SOURCES / f"{name}.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((SOURCES / f"{name}.yml").read_text(encoding="utf-8"))
    return text, meta


def _synthetic_title(entry, k):
    """Prefix the English title (or label) with "Synthetic benchmark copy k"; add a label if none."""
    prefix = f"Synthetic benchmark copy {k}"
    for field in ("label", "title"):
        value = entry.get(field) or {}
        if value.get("en"):
            entry[field] = dict(value, en=f"{prefix}: {value['en']}")
            return
    entry["label"] = dict(entry.get("label") or {}, en=prefix)


def copy_res(text, meta, k):
    s, n = res_symbol(k)
    text = text.replace("### 71/19.", f"### {s}/{n}.", 1)
    if k > 1:
        ps, pn = res_symbol(k - 1)
        text = text.replace("第51/1号决议", f"第{ps}/{pn}号决议", 1)
    entry = meta["instruments"][0]
    entry.update(id=f"a-res-{s}-{n}", symbol=f"A/RES/{s}/{n}", session=str(s))
    _synthetic_title(entry, k)
    return text, meta


def copy_draft(text, meta, k):
    s, n = res_symbol(k)
    text = text.replace("١٩/٧١", f"{n}/{s}".translate(ARABIC_INDIC), 1)
    entry = meta["instruments"][0]
    entry.update(id=f"ga-73-draft-un-interpol-cooperation-copy-{k}")
    _synthetic_title(entry, k)
    return text, meta


def copy_agenda(text, meta, k):
    if k > 1:
        text = text.replace("CTOC/COP/WG.3/2023/4", agenda_symbol(k - 1))
    entry = meta["instruments"][0]
    entry.update(id=agenda_symbol(k).lower().replace("/", "-").replace(".", "-"), symbol=agenda_symbol(k))
    _synthetic_title(entry, k)
    return text, meta


def copy_itu(text, meta, k):
    decision, doc = 600 + k, f"C17/{200 + k}"
    text = text.replace("598", str(decision)).replace("C17/126", doc)
    for entry in meta["instruments"]:
        entry["id"] = f"{entry['id']}-copy-{k}"
        if entry.get("title_line"):
            entry["title_line"] = str(entry["title_line"]).replace("598", str(decision))
        if entry.get("number"):
            entry.update(number=str(decision), symbol=doc)
        _synthetic_title(entry, k)
    return text, meta


COPIERS = {RES: copy_res, DRAFT: copy_draft, AGENDA: copy_agenda, ITU: copy_itu}


def write_sources(target, n):
    """Write the synthetic sources/ of an ``n``-instrument corpus; return what was made."""
    target.mkdir(parents=True, exist_ok=True)
    counts, made = {}, {"instruments": [], "sources": 0, "real_instruments": 0}
    # The real sources first, unchanged: pages of the site (accord/series.yml, the
    # top-level pages) name real instruments, which must exist for the build to pass.
    for name, _ in CYCLE:
        for ext in ("txt", "yml"):
            shutil.copy2(SOURCES / f"{name}.{ext}", target / f"{name}.{ext}")
        _, meta = _load(name)
        made["sources"] += 1
        made["real_instruments"] += len(meta["instruments"])
        made["instruments"] += [dict(id=e["id"], symbol=e.get("symbol"), layout=e["layout"],
                                     language=meta["language"], real=True) for e in meta["instruments"]]
    for name in plan(n - made["real_instruments"]):
        counts[name] = k = counts.get(name, 0) + 1
        text, meta = _load(name)
        text, meta = COPIERS[name](text, meta, k)
        stem = f"{name[:3]}_bench_{k:04d}"
        meta["source"] = f"{stem}.txt"
        (target / f"{stem}.txt").write_text(text, encoding="utf-8")
        body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (target / f"{stem}.yml").write_text(BANNER.format(orig=name) + body, encoding="utf-8")
        made["sources"] += 1
        made["instruments"] += [dict(id=e["id"], symbol=e.get("symbol"), layout=e["layout"],
                                     language=meta["language"]) for e in meta["instruments"]]
    return made


def default_config(config, languages=None):
    """The stack's default configuration for the same docs/ (see the module docstring)."""
    config = dict(config)
    config.pop("nav", None)
    config["theme"] = dict(config["theme"], custom_dir="overrides-default")
    config["extra_css"] = [c for c in config.get("extra_css", []) if "pagefind" not in c]
    config["extra_javascript"] = [j for j in config.get("extra_javascript", []) if "pagefind" not in j]
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin and languages:
            i18n = dict(plugin["i18n"])
            i18n["languages"] = [dict(lang, build=lang["locale"] in languages) for lang in i18n["languages"]]
            plugin = {"i18n": i18n}
        plugins.append(plugin)
    config["plugins"] = ["search"] + plugins
    return config


def make_project(project, n, default_languages=None):
    """A throw-away project copy at ``project`` with an ``n``-instrument synthetic corpus."""
    project = Path(project)
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("hooks", "accord", "overrides", "scripts"):
        shutil.copytree(ROOT / folder, project / folder, ignore=ignore)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets", ignore=ignore)
    for page in (ROOT / "docs").glob("*.md"):      # index.md and the other top-level pages
        shutil.copy2(page, project / "docs" / page.name)
    shutil.copytree(ROOT / "overrides", project / "overrides-default", ignore=ignore)
    for rel in PAGEFIND_OVERRIDES:
        (project / "overrides-default" / rel).unlink(missing_ok=True)
    (project / "SYNTHETIC-BENCHMARK-DATA.txt").write_text(
        "Synthetic benchmark corpus made by bench/generate.py from Accord's real sources.\n"
        "Not real instruments: never publish.\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    (project / "mkdocs-default.yml").write_text(
        yaml.safe_dump(default_config(config, default_languages), allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    made = write_sources(project / "sources", n)
    (project / "docs" / "instruments").mkdir(parents=True, exist_ok=True)
    return made


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    n, project = int(argv[0]), Path(argv[1])
    made = make_project(project, n)
    print(f"{project}: {len(made['instruments'])} instruments from {made['sources']} synthetic sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
