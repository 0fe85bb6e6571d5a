"""Every write is all or nothing (issue 11): the normalizer and `make add` leave sources/
and docs/ each wholly old or wholly new, whatever stops them.

Runs on copies of sources/ and docs/ in temp dirs. The copies are first brought up to
date with today's normalizer, so that the expectations come from the data (the sources
and the outputs of a run), not from the committed pages or from counts of today's
sources. Kills are deterministic: a shim runs the command in a subprocess and sends
itself SIGKILL at the N-th file-system call it makes (os.link, os.write, os.rename,
renameat2, ...), for N spread over the calls that a whole run makes.
"""
import errno
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

import synthetic_corpus

from scripts import add_document, normalize, serve, transaction
from scripts.render import compose_page, split_front_matter
from scripts.source_io import load_metadata, metadata_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures/new_documents"
ENV = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
KILLS = 20

# Runs ``python -c SHIM <module> <args>``: module.main(args) with the file-system calls
# counted (their names written to $CALL_LOG) and SIGKILL sent at call number $KILL_AT.
SHIM = r"""
import importlib, os, signal, sys
from scripts import transaction
calls, kill_at = [], int(os.environ["KILL_AT"])

def wrap(owner, name):
    original = getattr(owner, name)
    def counted(*args, **kwargs):
        calls.append(name)
        if len(calls) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    setattr(owner, name, counted)

for name in ("replace", "rename", "link", "unlink", "write", "mkdir", "rmdir"):
    wrap(os, name)
wrap(transaction, "renameat2")
code = importlib.import_module(sys.argv[1]).main(sys.argv[2:])
with open(os.environ["CALL_LOG"], "w") as log:
    log.write("\n".join(calls))
sys.exit(code)
"""


# --- Helpers ----------------------------------------------------------------------------


def snapshot(tree):
    """{relative path: sha256 of the file, or "dir"}: a tree byte for byte, folders too."""
    tree = Path(tree)
    if not tree.exists():
        return None
    return {path.relative_to(tree).as_posix(): "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(tree.rglob("*"))}


def temporary_files(tree):
    """Files a half-finished write could leave: hidden files and *.tmp."""
    return [p for p in Path(tree).rglob("*") if p.name.startswith(".") or ".tmp" in p.name]


def leftovers(project):
    staging = project / ".cache" / "staging"
    return sorted(p.name for p in staging.iterdir()) if staging.exists() else []


def trees(project):
    return snapshot(project / "sources"), snapshot(project / "docs")


def normalize_args(project, *extra):
    return ["--sources", str(project / "sources"), "--docs", str(project / "docs"), "--no-cache", *extra]


def add_args(project, stem="test_en", folder=FIXTURES, *extra):
    return [str(folder / f"{stem}.txt"), str(folder / f"{stem}.yml"), "--sources", str(project / "sources"),
            "--docs", str(project / "docs"), "--no-cache", *extra]


def generated_pages(docs):
    """The pages the normalizer wrote (they carry its checksum), sorted."""
    return [p for p in sorted((docs / "instruments").rglob("*.md"))
            if split_front_matter(p.read_text(encoding="utf-8"))[0].get("normalizer_checksum")]


def pages_with_ids(docs):
    return [p for p in generated_pages(docs) if normalize.id_lines(p.read_text(encoding="utf-8"))]


@pytest.fixture
def library(tmp_path):
    """A project folder holding copies of sources/ and docs/, docs/ up to date."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copytree(ROOT / "docs", project / "docs")
    assert normalize.main(normalize_args(project, "--force", "--allow-id-change")) == 0
    return project


def copy_project(project, target):
    target.mkdir(parents=True)
    for name in ("sources", "docs"):
        shutil.copytree(project / name, target / name)
    return target


def shim(project, module, args, kill_at=0):
    log = project / "calls.log"
    result = subprocess.run([sys.executable, "-c", SHIM, module, *args], cwd=ROOT, env=dict(
        ENV, KILL_AT=str(kill_at), CALL_LOG=str(log)), capture_output=True, text=True, timeout=120)
    calls = log.read_text().split("\n") if log.exists() else None
    log.unlink(missing_ok=True)
    return result, calls


def kill_points(calls, count=KILLS):
    """``count`` call numbers spread over a run: the calls around each swap (a rename or
    renameat2) first, then evenly over the whole run."""
    assert len(calls) >= count, f"only {len(calls)} calls in a run: {calls}"
    swaps = [n for n, name in enumerate(calls, 1) if name in ("rename", "renameat2", "replace")]
    points = sorted({n + d for n in swaps for d in (-1, 0, 1) if 1 <= n + d <= len(calls)})[:count]
    spread = [round(1 + k * (len(calls) - 1) / (count - 1)) for k in range(count)]
    for n in spread:
        if len(points) < count and n not in points:
            points.append(n)
    for n in range(1, len(calls) + 1):
        if len(points) < count and n not in points:
            points.append(n)
    return sorted(points)


def assert_each_tree_old_or_new(project, before, after, what):
    """Each of sources/ and docs/ is byte for byte the old or the new tree, with no
    temporary file in it; returns which ("old" or "new") each one is."""
    states = []
    for index, name in enumerate(("sources", "docs")):
        state = snapshot(project / name)
        assert state in (before[index], after[index]), f"{what}: {name}/ is neither the old nor the new tree"
        assert not temporary_files(project / name), f"{what}: {temporary_files(project / name)}"
        states.append("old" if state == before[index] else "new")
    return tuple(states)


def run_killed_at_every_moment(template, tmp_path, module, args_of, rerun):
    """Run ``module`` to completion once (the new trees, its calls counted), then killed
    at each of KILLS calls; after each kill, both trees are old or new and a re-run
    completes the change."""
    before = trees(template)
    reference = copy_project(template, tmp_path / "reference")
    result, calls = shim(reference, module, args_of(reference))
    assert result.returncode == 0, result.stderr
    after = trees(reference)
    assert after != before
    seen = set()
    for point in kill_points(calls):
        project = copy_project(template, tmp_path / f"killed-at-{point}")
        result, _ = shim(project, module, args_of(project), kill_at=point)
        assert result.returncode == -signal.SIGKILL, f"call {point} of {len(calls)}: {result.stderr}"
        seen.add(assert_each_tree_old_or_new(project, before, after, f"killed at call {point} ({calls[point - 1]})"))
        assert rerun(project) == 0, f"the run after a kill at call {point} failed"
        assert trees(project) == after, f"killed at call {point}: the re-run did not complete the change"
        assert leftovers(project) == []
        shutil.rmtree(project)
    # the kills fell both before and after the swap of docs/, not all on one side of it
    assert {docs for _, docs in seen} == {"old", "new"}, seen


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def changed_library(library):
    """The library with work for the normalizer: a page to write anew, a page to
    overwrite, and a stale page (in its own folder) to delete."""
    pages = generated_pages(library / "docs")
    pages[0].unlink()
    meta, body = split_front_matter(pages[1].read_text(encoding="utf-8"))
    pages[1].write_text(compose_page(dict(meta, title=f"{meta.get('title')} (older)"), body), encoding="utf-8")
    stale = library / "docs/instruments/stale-instrument/index.zh.md"
    stale.parent.mkdir()
    shutil.copy(pages[2], stale)
    return library


# --- Killed at any moment ---------------------------------------------------------------


def test_normalizer_killed_at_any_moment_leaves_docs_old_or_new(library, tmp_path, capsys):
    template = changed_library(library)
    args = lambda project: normalize_args(project, "--allow-id-change")
    run_killed_at_every_moment(template, tmp_path, "scripts.normalize", args,
                               lambda project: normalize.main(args(project)))


def test_make_add_killed_at_any_moment_leaves_both_trees_old_or_new(library, tmp_path, capsys):
    run_killed_at_every_moment(library, tmp_path, "scripts.add_document", add_args,
                               lambda project: add_document.main(add_args(project)))


def test_add_killed_between_the_two_swaps_is_completed_by_running_it_again(library, tmp_path, capsys):
    before = trees(library)
    reference = copy_project(library, tmp_path / "reference")
    result, calls = shim(reference, "scripts.add_document", add_args(reference))
    assert result.returncode == 0, result.stderr
    after = trees(reference)
    swaps = [n for n, name in enumerate(calls, 1) if name == "renameat2"]
    assert len(swaps) == 2, calls                  # sources/, then docs/
    result, _ = shim(library, "scripts.add_document", add_args(library), kill_at=swaps[1])
    assert result.returncode == -signal.SIGKILL
    assert trees(library) == (after[0], before[1])   # sources/ new, docs/ old
    assert add_document.main(add_args(library)) == 0
    assert trees(library) == after and leftovers(library) == []


# --- Full disk, read-only docs/ ---------------------------------------------------------


def full_disk(monkeypatch):
    """Every new file written in a staging tree hits a full disk half-way."""
    original = transaction.write_new_file

    def write(path, data):
        original(path, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(transaction, "write_new_file", write)


def read_only(monkeypatch, tree):
    """``tree`` cannot be replaced: the swap fails as on a read-only folder (the tests
    run as root, whom chmod does not stop)."""
    original = transaction.renameat2

    def rename(source, target, flags):
        if Path(target) == Path(tree).resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source), None, str(target))
        return original(source, target, flags)

    monkeypatch.setattr(transaction, "renameat2", rename)


def assert_clean_error(capsys, *fragments):
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.parametrize("command", ["normalize", "add"])
def test_a_full_disk_is_a_clean_error_and_changes_nothing(library, monkeypatch, capsys, command):
    page = generated_pages(library / "docs")[0]
    page.unlink()                            # the normalizer has a page to write
    before = trees(library)
    full_disk(monkeypatch)
    if command == "normalize":
        assert normalize.main(normalize_args(library)) == 1
        assert_clean_error(capsys, f"{library / 'docs'}/", os.strerror(errno.ENOSPC), "free some space")
    else:
        assert add_document.main(add_args(library)) == 1
        assert_clean_error(capsys, os.strerror(errno.ENOSPC), "nothing was changed in", "sources/", "docs/")
    assert trees(library) == before
    assert leftovers(library) == []


@pytest.mark.parametrize("command", ["normalize", "add"])
def test_a_read_only_docs_folder_is_a_clean_error_and_changes_nothing(library, monkeypatch, capsys, command):
    generated_pages(library / "docs")[0].unlink()
    before = trees(library)
    read_only(monkeypatch, library / "docs")
    code = (normalize.main(normalize_args(library)) if command == "normalize"
            else add_document.main(add_args(library)))
    assert code == 1
    assert_clean_error(capsys, str(library / "docs"), os.strerror(errno.EACCES), "can be written")
    assert trees(library) == before            # for add: sources/ swapped in, then put back
    assert leftovers(library) == []


def test_without_renameat2_two_renames_do_and_a_kill_between_them_is_undone(library, monkeypatch, capsys):
    generated_pages(library / "docs")[0].unlink()
    before = trees(library)

    def missing(source, target, flags):
        raise OSError(errno.ENOSYS, "no renameat2", str(source))

    monkeypatch.setattr(transaction, "renameat2", missing)
    original = os.rename
    moves = []

    def rename(source, target):            # "killed" after the old docs/ was moved aside
        moves.append(target)
        original(source, target)
        if len(moves) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        normalize.main(normalize_args(library))
    monkeypatch.setattr(os, "rename", original)
    assert not (library / "docs").exists() and str(moves[0]).endswith(transaction.ASIDE)
    assert normalize.main(normalize_args(library, "--check")) == 1     # a reader does not repair
    assert normalize.main(normalize_args(library)) == 0                 # the next run puts it back, then writes
    assert "restored" in capsys.readouterr().out
    assert trees(library)[0] == before[0] and leftovers(library) == []
    assert normalize.main(normalize_args(library, "--check")) == 0


# --- The lock ---------------------------------------------------------------------------


def test_a_run_waits_for_the_lock_and_gives_up_cleanly(library, capsys):
    before = trees(library)
    with transaction.locked([library / "sources", library / "docs"]):
        assert add_document.main(add_args(library, "test_en", FIXTURES, "--lock-timeout", "0.2")) == 1
        assert normalize.main(normalize_args(library, "--lock-timeout", "0.2")) == 1
    out, err = capsys.readouterr()
    assert err.count("held this lock") == 2 and "Traceback" not in err
    assert trees(library) == before


def test_two_concurrent_adds_run_one_after_the_other(library, tmp_path):
    logs = []
    with transaction.locked([library / "sources", library / "docs"]):
        runs = []
        for stem in ("test_en", "test_fr"):
            log = (tmp_path / f"{stem}.err").open("w")
            logs.append(tmp_path / f"{stem}.err")
            runs.append(subprocess.Popen([sys.executable, "-m", "scripts.add_document", *add_args(library, stem)],
                                         cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=log))
        deadline = time.monotonic() + 60
        while not all("waiting for another" in p.read_text() for p in logs):
            assert time.monotonic() < deadline, [p.read_text() for p in logs]
            assert all(run.poll() is None for run in runs), [p.read_text() for p in logs]
            time.sleep(0.05)
    assert [run.wait(timeout=120) for run in runs] == [0, 0], [p.read_text() for p in logs]
    for stem in ("test_en", "test_fr"):
        for suffix in (".txt", ".yml"):
            assert (library / "sources" / f"{stem}{suffix}").read_bytes() == (FIXTURES / f"{stem}{suffix}").read_bytes()
    # docs/ is exactly what the normalizer makes of the sources both runs left
    assert normalize.main(normalize_args(library, "--check")) == 0
    assert leftovers(library) == []


# --- make add plans everything before it writes -----------------------------------------


def stale_page(library):
    """A generated page that no source produces (a copy of one under an unknown id)."""
    page = generated_pages(library / "docs")[0]
    stale = page.with_name(f"no-such-instrument.{page.name.split('.', 1)[1]}")
    shutil.copy(page, stale)
    return stale


def remove_id_by_hand(library):
    """Delete the line of a page's last paragraph id, as a contributor might: (page, id, line)."""
    page = pages_with_ids(library / "docs")[0]
    text = page.read_text(encoding="utf-8")
    ident, line = max(normalize.id_lines(text).items(), key=lambda item: item[1])
    lines = text.split("\n")
    assert ident in lines[line - 1]
    page.write_text("\n".join(lines[: line - 1] + lines[line:]), encoding="utf-8")
    return page, ident, line


@pytest.mark.parametrize("problem", ["stale page", "id removed by hand"])
def test_a_refused_add_changes_nothing_and_succeeds_once_fixed(library, capsys, problem):
    if problem == "stale page":
        page = stale_page(library)
        fragment = "no source produces this page any more"
        fix = page.unlink
    else:
        page, ident, _ = remove_id_by_hand(library)
        fragment = ident
        fix = lambda: normalize.main(normalize_args(library, "--force"))     # the page as generated
    before = trees(library)
    assert add_document.main(add_args(library)) == 1
    err = assert_clean_error(capsys, str(page), fragment)
    assert "python -m scripts.add_document" in err          # the advice names this command
    assert trees(library) == before
    fix()
    capsys.readouterr()
    assert add_document.main(add_args(library)) == 0
    assert (library / "sources/test_en.txt").read_bytes() == (FIXTURES / "test_en.txt").read_bytes()
    assert normalize.main(normalize_args(library, "--check")) == 0


def test_running_the_same_add_again_changes_nothing(library, capsys):
    assert add_document.main(add_args(library)) == 0
    after = trees(library)
    capsys.readouterr()
    assert add_document.main(add_args(library)) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert trees(library) == after


def contributor_copy(tmp_path, stem, change):
    """The fixture document copied into the contributor's own folder, its metadata changed."""
    folder = tmp_path / "contributor"
    folder.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "test_en.txt", folder / f"{stem}.txt")
    meta = yaml.safe_load((FIXTURES / "test_en.yml").read_text(encoding="utf-8"))
    meta["source"] = f"{stem}.txt"
    change(meta, meta["instruments"][0])
    (folder / f"{stem}.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def an_existing_instrument(library):
    """(metadata, entry) of the first instrument of the library (it has one: sources/ is
    never empty, and test_corpus checks that every source is on the site)."""
    meta = load_metadata(metadata_files(library / "sources")[0])
    return meta, meta["instruments"][0]


@pytest.mark.parametrize("case", ["starts_at missing", "id already used"])
def test_errors_name_the_contributors_own_file(library, tmp_path, capsys, case):
    if case == "starts_at missing":
        stem, named = "zz_new", "txt"
        folder = contributor_copy(tmp_path, stem, lambda meta, entry: entry.update(starts_at="NO SUCH LINE"))
        fragment = "starts_at line 'NO SUCH LINE' does not occur"
    else:
        existing, resolution = an_existing_instrument(library)
        stem, named = "zz_new", "yml"         # sorts after the library's files: the second producer
        folder = contributor_copy(tmp_path, stem, lambda meta, entry: (
            meta.update(language=existing["language"]), entry.update(id=resolution["id"])))
        fragment = resolution["id"]
    before = trees(library)
    assert add_document.main(add_args(library, stem, folder)) == 1
    err = assert_clean_error(capsys, fragment)
    assert re.match(rf"error: {re.escape(str(folder / f'{stem}.{named}'))}(:\d+)?: ", err), err
    assert ".cache" not in err and "trial" not in err
    assert trees(library) == before


def test_an_english_text_replaces_the_fallback_page_of_its_instrument(library, tmp_path, capsys):
    """Before issue 11, this failed after sources/ was changed ("no source produces this
    page any more": the fallback page x.md), and every retry was refused. The instrument
    is the synthetic corpus's resolution (test data): its Russian version first, then its
    English one, in the default language."""
    incoming = tmp_path / "incoming"
    files = {text.stem: text for text, _ in synthetic_corpus.write(incoming)}
    ident = synthetic_corpus.RESOLUTION
    assert add_document.main(add_args(library, files["syn_resolution_ru"].stem, incoming)) == 0
    fallback = library / "docs/instruments" / f"{ident}.md"
    assert fallback.exists()
    capsys.readouterr()
    assert add_document.main(add_args(library, files["syn_resolution_en"].stem, incoming)) == 0
    out = capsys.readouterr().out
    assert not fallback.exists() and fallback.with_name(f"{ident}.en.md").exists()
    other = library / "docs/instruments" / f"{ident}.ru.md"
    assert split_front_matter(other.read_text(encoding="utf-8"))[0]["languages_available"] == ["en", "ru"]
    assert f"deleted docs/instruments/{ident}.md" in out
    assert normalize.main(normalize_args(library, "--check")) == 0


# --- Pages edited by hand ---------------------------------------------------------------


@pytest.mark.parametrize("damage", ["checksum line removed", "front matter removed"])
def test_a_page_without_its_checksum_is_not_overwritten_silently(library, capsys, damage):
    page = generated_pages(library / "docs")[0]
    text = page.read_text(encoding="utf-8")
    if damage == "checksum line removed":
        damaged = "".join(line for line in text.splitlines(True) if not line.startswith("normalizer_checksum:"))
    else:
        damaged = split_front_matter(text)[1]
    page.write_text(damaged, encoding="utf-8")
    assert normalize.main(normalize_args(library)) == 1
    assert_clean_error(capsys, str(page), "no normalizer_checksum", "--force")
    assert page.read_text(encoding="utf-8") == damaged
    assert normalize.main(normalize_args(library, "--force")) == 0
    assert page.read_text(encoding="utf-8") == text


def test_a_hand_edit_removing_a_paragraph_id_is_refused(library, capsys):
    page, ident, line = remove_id_by_hand(library)
    edited = page.read_bytes()
    assert normalize.main(normalize_args(library)) == 1
    assert_clean_error(capsys, f"{page}:{line}: ", f"removes paragraph ids {ident} (line {line})", "--allow-id-change")
    assert page.read_bytes() == edited
    assert normalize.main(normalize_args(library, "--allow-id-change")) == 0
    assert f"kept {page.relative_to(library / 'docs').as_posix()}" in capsys.readouterr().out
    assert page.read_bytes() == edited


def test_a_hand_edit_renaming_a_paragraph_id_is_refused(library, capsys):
    page = pages_with_ids(library / "docs")[-1]
    text = page.read_text(encoding="utf-8")
    ident, line = sorted(normalize.id_lines(text).items(), key=lambda item: item[1])[0]
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1].replace(ident, f"{ident}_renamed", 1)
    page.write_text("\n".join(lines), encoding="utf-8")
    assert normalize.main(normalize_args(library)) == 1
    assert_clean_error(capsys, f"{page}:{line}: ", f"{ident} (line {line})", f"{ident}_renamed instead")


def test_a_hand_edit_keeping_every_id_is_kept(library, capsys):
    page = pages_with_ids(library / "docs")[0]
    body = split_front_matter(page.read_text(encoding="utf-8"))[1]
    first = next(line for line in body.splitlines() if line and not line.startswith(("{", "#", "<", "-", "[")))
    edit(page, first, first + " (edited by hand)")
    edited = page.read_bytes()
    assert normalize.main(normalize_args(library)) == 0
    assert page.read_bytes() == edited


# --- make serve after a swap ------------------------------------------------------------


def test_serve_still_sees_edits_after_docs_is_swapped(tmp_path):
    """inotify watches the old docs/ folder's inode: after a swap, serve watches again."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "site").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    builds = []
    built = threading.Condition()

    def builder():
        with built:
            builds.append(time.monotonic())
            built.notify_all()

    def edited_and_rebuilt(change, timeout=10):
        with built:
            count = len(builds)
            change()
            return built.wait_for(lambda: len(builds) > count, timeout=timeout)

    server = serve.Server(builder=builder, host="127.0.0.1", port=0, root=str(project / "site"))
    server.observer = serve.EditObserver()
    server.build_delay = 0.05
    server.watch(str(project / "docs"))
    serve.watch_replaced_trees(server, project)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30          # until the observer thread has started
        while not edited_and_rebuilt(lambda: (project / "docs/index.md").write_text("# Home 1\n", encoding="utf-8"), 0.5):
            assert time.monotonic() < deadline, "an edit of docs/ never triggered a rebuild"
        swap = lambda: transaction.commit([transaction.stage(project / "docs", {"new.md": "# New\n"})])
        assert edited_and_rebuilt(swap), "the swap of docs/ did not trigger a rebuild"
        time.sleep(0.3)
        assert edited_and_rebuilt(lambda: (project / "docs/index.md").write_text("# Home 2\n", encoding="utf-8")), \
            "an edit of the new docs/ went unseen: the watch stayed on the old folder"
    finally:
        server.shutdown()
