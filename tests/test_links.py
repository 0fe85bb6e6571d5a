"""No internal link of the built site is broken (scripts/check_links.py), and the
checker catches what it must: a missing file, a missing fragment, an empty link."""
from scripts import check_links

PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="assets/style.css">
<link rel="stylesheet" href="https://example.org/x.css">
<link rel="alternate" href="https://example.org/fr/" hreflang="fr">
<script src="assets/missing.js"></script>
</head><body id="top">
<h1 id="title">Tiny</h1>
<a href="sub/">directory URL</a>
<a href="sub/index.html#para_1">fragment in another page</a>
<a href="#title">fragment in this page</a>
<a href="a%20b.html">percent-encoded name</a>
<a href="/sub/">root-relative</a>
<a href="https://example.org/missing">external</a>
<a href="mailto:someone@example.org">mail</a>
<a href="javascript:void(0)">script</a>
<a href="//cdn.example.org/x.js">protocol-relative</a>
<a name="old-anchor"></a><a href="#old-anchor">an a name</a>
<a href="missing.html">missing file</a>
<a href="sub/#para_9">missing fragment</a>
<a href="#nowhere">missing fragment here</a>
<a href="/gone/">root-relative to nothing</a>
<a href="../../outside.html">outside the site</a>
<a href="">empty</a>
<a href="#">bare hash</a>
<img src="assets/missing.png" alt="">
<img src="https://example.org/track.png" alt="">
<a href="JaVa&#x09;script:alert(1)">encoded script</a>
<a href="data:text/html,x">data</a>
</body></html>
"""
POLICY = "links may use http, https, mailto or a path of this site"
ELSEWHERE = "an image or media address on another host (only a path of this site can be loaded)"
EXPECTED = [
    f"index.html: broken link 'https://example.org/x.css' ({ELSEWHERE})",
    "index.html: broken link 'assets/missing.js' (no such file)",
    f"index.html: broken link 'javascript:void(0)' (an address with the scheme javascript: ({POLICY}))",
    "index.html: broken link 'missing.html' (no such file)",
    "index.html: broken link 'sub/#para_9' (no id 'para_9' in sub/index.html)",
    "index.html: broken link '#nowhere' (no id 'nowhere' in this page)",
    "index.html: broken link '/gone/' (no such file)",
    "index.html: broken link '../../outside.html' (no such file)",
    "index.html: broken link '' (empty link)",
    "index.html: broken link '#' ('#' leads nowhere)",
    "index.html: broken link 'assets/missing.png' (no such file)",
    f"index.html: broken link 'https://example.org/track.png' ({ELSEWHERE})",
    f"index.html: broken link 'JaVa\\tscript:alert(1)' (an address with the scheme javascript: ({POLICY}))",
    f"index.html: broken link 'data:text/html,x' (an address with the scheme data: ({POLICY}))",
    f"assets/style.css:2: 'https://example.org/font.woff2': {ELSEWHERE}",
]


STYLESHEET = ("body{background:url(data:image/svg+xml;base64,PHN2Zy8+)}\n"
              "@font-face{src:url('https://example.org/font.woff2')}")


def tiny_site(root, page=PAGE, stylesheet=STYLESHEET):
    (root / "sub").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "style.css").write_text(stylesheet, encoding="utf-8")
    (root / "a b.html").write_text('<p><a href="index.html#top">back</a></p>', encoding="utf-8")
    (root / "sub" / "index.html").write_text(
        '<p id="para_1">One. <a href="../">home</a> <a href="../index.html#title">title</a></p>', encoding="utf-8")
    (root / "index.html").write_text(page, encoding="utf-8")
    return root


def test_built_site_has_no_broken_internal_link(built_site):
    stats = {}
    assert check_links.check(built_site, stats) == []
    # It did look: every page of every language, and their links.
    assert stats["pages"] > 50 and stats["links"] > 1000, stats


def test_checker_reports_each_broken_link_and_nothing_else(tmp_path):
    site = tiny_site(tmp_path / "site")
    assert check_links.check(site, site_path="/") == EXPECTED


def test_checker_exit_status_and_output(tmp_path, capsys):
    broken = tiny_site(tmp_path / "broken")
    assert check_links.main([str(broken), "--site-path", "/"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == EXPECTED
    assert out[-1].endswith(f"{len(EXPECTED)} broken")

    clean = tiny_site(tmp_path / "clean", '<h1 id="top">Clean</h1><p id="title"><a href="sub/">sub</a> '
                                           '<a href="sub/index.html#para_1">1</a></p>', stylesheet="body{}")
    assert check_links.main([str(clean), "--site-path", "/"]) == 0
    assert capsys.readouterr().out.strip().endswith("none broken")


def test_a_missing_site_folder_is_a_clean_error(tmp_path, capsys):
    assert check_links.main([str(tmp_path / "nothing")]) == 1
    assert "no such folder" in capsys.readouterr().err
