"""The benchmark corpus must be deterministic, Jekyll-valid and shaped like the seed blog.

Speed figures are only comparable across machines and commits if every run builds the same
bytes, and only meaningful if those bytes look like the real blog (front matter styles, the
JB include, code pasted in all the usual ways). The benchmark tools are tested as the
programs a user runs from a clone (``python benchmarks/gencorpus.py ...``).
"""
from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import re
import shlex
import statistics
import subprocess
import sys
import tomllib
from pathlib import Path

import liquid
import pytest
import yaml

from support.corpus import generate_corpus, run_gencorpus

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench.py"

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Jekyll's Document::DATE_FILENAME_MATCHER.
JEKYLL_POST_NAME = re.compile(r"\A(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)\Z")
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
INCLUDE_LINE = "{% include JB/setup %}"
DATE_CYCLE = 4001    # posts before the generator's dates come round again
# the vocabulary the generator draws from: 8 categories, about 30 tags
WORD = re.compile(r"[\w.+#-]+")


def read_posts(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8")) for p in sorted(folder.iterdir())]


def split(text: str) -> tuple[dict, str]:
    """Front matter (parsed) and the rest of a post."""
    match = FRONT_MATTER.match(text)
    assert match, text[:200]
    data = yaml.load(match.group(1), Loader=Loader)
    assert isinstance(data, dict)
    return data, text[match.end():]


def as_list(value: object) -> list[str]:
    """Jekyll's tolerant reading of tags/categories: a list, or a space-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    assert isinstance(value, list)
    return [str(v) for v in value]


def jekyll_body(text: str) -> str:
    """The Markdown a Jekyll post carries once front matter and the JB include are gone."""
    _, rest = split(text)
    if rest.startswith(INCLUDE_LINE):
        rest = rest[len(INCLUDE_LINE):].lstrip("\n")
    return rest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "site", 600)


@pytest.fixture(scope="module")
def posts(corpus: Path) -> list[tuple[str, str]]:
    return read_posts(corpus / "_posts")


def test_a_corpus_depends_only_on_seed_and_size(tmp_path: Path, corpus: Path) -> None:
    again = read_posts(generate_corpus(tmp_path / "again", 7) / "_posts")
    assert again == [p for p in read_posts(corpus / "_posts") if p[0] in dict(again)]
    other = read_posts(generate_corpus(tmp_path / "other", 7, "--seed", "2") / "_posts")
    assert [text for _, text in other] != [text for _, text in again]
    assert read_posts(generate_corpus(tmp_path / "other2", 7, "--seed", "2") / "_posts") == other


def test_file_names_follow_jekylls_post_rule(posts: list[tuple[str, str]]) -> None:
    names = [name for name, _ in posts]
    assert len(set(names)) == len(names)
    for name in names:
        match = JEKYLL_POST_NAME.match(name)
        assert match, name
        dt.date.fromisoformat(match.group(1))  # a real calendar date, zero-padded
        assert match.group(3) == ".md"
        assert re.fullmatch(r"[a-z0-9-]+", match.group(2)), name


def test_front_matter_parses_in_jekylls_tolerant_forms(posts: list[tuple[str, str]]) -> None:
    styles = collections.Counter()
    for name, text in posts:
        data, _ = split(text)
        assert data["layout"] == "post"
        head = FRONT_MATTER.match(text).group(1)
        cats = as_list(data.get("categories")) + as_list(data.get("category"))
        assert all(WORD.fullmatch(c) for c in cats), (name, cats)
        tags = as_list(data.get("tags"))
        assert all(WORD.fullmatch(t) for t in tags), (name, tags)
        assert len(tags) == len(set(tags))
        if "date" in data:
            # Offset-less: a YAML timestamp. With ` +0800`: Psych reads a Time, PyYAML's
            # YAML 1.1 resolver (which wants `+08:00`) a string; Jekyll accepts both.
            value = data["date"]
            if isinstance(value, str):
                assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0800", value), value
                day = value[:10]
            else:
                assert isinstance(value, dt.datetime) and value.tzinfo is None
                day = value.date().isoformat()
            assert day == name[:10]
        for style, pattern in {
            "category :": r"^category : ", "categories: [": r"^categories: \[",
            "categories: a b": r"^categories: \w+ \w+$", "tags : [": r"^tags : \[",
            "tags: a b": r"^tags: [^\[\n]+$", "tags block": r"^tags:\n  - ",
            "title": r"^title ?: ", "no title": r"\A(?![\s\S]*^title)",
            "date +0800": r"^date: .* \+0800$", "description": r'^description: ""',
        }.items():
            if re.search(pattern, head, re.M):
                styles[style] += 1
    assert len(styles) == 10, styles  # every hand-written style occurs


def test_bodies_are_seed_like(posts: list[tuple[str, str]]) -> None:
    texts = [text for _, text in posts]
    with_include = sum(split(t)[1].startswith(INCLUDE_LINE + "\n") for t in texts)
    assert 0.8 * len(texts) < with_include < len(texts)
    joined = "\n".join(jekyll_body(t) for t in texts)
    assert "{{" not in joined and "{%" not in joined  # no Liquid beyond the include line
    log = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "
    assert re.search(rf"^  {log}", joined, re.M)  # the seed's two-space log lines
    assert re.search(rf"^    {log}", joined, re.M)  # indented log code
    assert re.search(rf"^```\n{log}", joined, re.M)  # fenced, no language
    for needle in ("```java\n", "```xml\n", "```bash\n", "\tat ", "Caused by: ", "<property>",
                   "    $ ", "@Override", "a1.sinks.k1", "## ", "| --- |", "`", "](http://"):
        assert needle in joined, needle
    # Mostly code by characters, like the seed post (about 5% CJK characters).
    assert 0.05 < len(re.findall(r"[\u4e00-\u9fff]", joined)) / len(joined) < 0.4


def test_average_post_size_is_about_4kb(posts: list[tuple[str, str]]) -> None:
    sizes = [len(text.encode("utf-8")) for _, text in posts]
    assert 3600 <= statistics.mean(sizes) <= 4800
    assert min(sizes) < 2500 and max(sizes) > 7000  # a spread, not one size


def test_tags_and_categories_are_skewed(posts: list[tuple[str, str]]) -> None:
    tag_counts: collections.Counter[str] = collections.Counter()
    cat_counts: collections.Counter[str] = collections.Counter()
    for _name, text in posts:
        data, _ = split(text)
        tag_counts.update(as_list(data.get("tags")))
        cat_counts.update(as_list(data.get("categories")) + as_list(data.get("category")))
    assert 28 <= len(tag_counts) <= 32
    assert len(cat_counts) == 8
    assert tag_counts.most_common(1)[0][1] > 4 * statistics.median(tag_counts.values())
    assert cat_counts.most_common(1)[0][1] > 5 * min(cat_counts.values())


def test_hugo_flavor_has_the_same_bodies(tmp_path: Path) -> None:
    jekyll = read_posts(generate_corpus(tmp_path / "jekyll", 120) / "_posts")
    hugo = read_posts(generate_corpus(tmp_path / "hugo", 120, "--flavor", "hugo") / "content/posts")
    assert [name for name, _ in hugo] == [name for name, _ in jekyll]
    for (name, text), (_, hugo_text) in zip(jekyll, hugo, strict=True):
        data, body = split(hugo_text)
        assert body == jekyll_body(text)
        assert "{%" not in hugo_text
        assert isinstance(data["title"], str) and data["title"]
        assert data["slug"] == JEKYLL_POST_NAME.match(name).group(2)
        assert data["date"].date().isoformat() == name[:10]
        jekyll_data, _ = split(text)
        assert data["tags"] == as_list(jekyll_data.get("tags"))
        if "title" in jekyll_data:
            assert data["title"] == jekyll_data["title"]


def test_smaller_corpus_is_a_prefix_of_a_bigger_one(tmp_path: Path) -> None:
    small = generate_corpus(tmp_path / "small", 15)
    big = generate_corpus(tmp_path / "big", 40)
    small_files = {p.relative_to(small) for p in small.rglob("*") if p.is_file()}
    big_files = {p.relative_to(big) for p in big.rglob("*") if p.is_file()}
    assert small_files <= big_files
    marker = {p for p in small_files if p.name.startswith(".")}
    for rel in small_files - marker:
        assert (small / rel).read_bytes() == (big / rel).read_bytes(), rel
    assert len(list((big / "_posts").iterdir())) == 40


#: sha256 of whole generated sites (see ``tree_digest``), by generator version: a change to the
#: output must bump ``GENERATOR_VERSION`` (cached corpora are regenerated by it) and add its
#: digests here. Recorded from the generator before it was split into modules.
PINNED = {
    1: {"jekyll 600 seed 1": "4887a92aa697df5fddb90134e23d7266452e7307e103d1823de102fab96d5bee",
        "hugo 40 seed 2": "66d33f332ad61add161c537b63a0af98e8e94bf3f2c82c7fc6f33fcea63ce6f5",
        "default theme 40 seed 7":
            "acb8a7f72c171eca22ed69e7cd7a3e459e4be951f2417197d81ed0d0bc2d2645"},
}


def tree_digest(root: Path) -> str:
    """Every file's path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes()
                      + b"\0")
    return digest.hexdigest()


def test_output_changes_only_with_the_generator_version(tmp_path: Path, corpus: Path) -> None:
    version = json.loads((corpus / ".blogtool-gencorpus.json").read_text("utf-8"))["version"]
    assert version in PINNED, f"generator version {version}: record its digests in PINNED"
    found = {
        "jekyll 600 seed 1": tree_digest(corpus),
        "hugo 40 seed 2": tree_digest(
            generate_corpus(tmp_path / "h", 40, "--seed", "2", "--flavor", "hugo")),
        "default theme 40 seed 7": tree_digest(
            generate_corpus(tmp_path / "d", 40, "--seed", "7", "--theme", "default")),
    }
    assert found == PINNED[version]


@pytest.mark.slow   # writes 4,021 posts (about 3 s of CPU), too much for the fast subset
def test_dates_do_not_repeat_within_a_cycle_and_names_stay_unique_after(tmp_path: Path) -> None:
    big = generate_corpus(tmp_path / "big", DATE_CYCLE + 20)
    names = [p.name for p in (big / "_posts").iterdir()]
    assert len(names) == DATE_CYCLE + 20
    assert len({JEKYLL_POST_NAME.match(n).group(1) for n in names}) == DATE_CYCLE


def test_jekyll_site_is_complete_and_its_templates_parse(tmp_path: Path) -> None:
    site = tmp_path / "site"
    generate_corpus(site, 5)
    for rel in ("_config.yml", "_layouts/default.html", "_layouts/post.html",
                "_includes/JB/setup", "index.html", "tags.html", "categories.html"):
        assert (site / rel).is_file(), rel
    config = yaml.load((site / "_config.yml").read_text("utf-8"), Loader=Loader)
    assert config["markdown"] == "kramdown" and config["timezone"] == "Asia/Shanghai"
    env = liquid.Environment()
    for rel in ("_layouts/default.html", "_layouts/post.html", "index.html", "tags.html",
                "categories.html", "_includes/JB/setup"):
        template = (site / rel).read_text("utf-8")
        if template.startswith("---\n"):
            template = split(template)[1]
        # python-liquid's own `include` wants a quoted name; Jekyll's takes a bare path.
        env.parse(template.replace(INCLUDE_LINE, ""))
    setup = env.from_string((site / "_includes/JB/setup").read_text("utf-8"))
    assert setup.render(site={"JB": {"setup": {"provider": "custom"}}}).strip() == ""
    names = sorted(p.name for p in (site / "_posts").iterdir())
    assert len(names) == 5 and all(JEKYLL_POST_NAME.match(n) for n in names)


def test_default_theme_omits_layouts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    generate_corpus(site, 3, "--theme", "default")
    assert not (site / "_layouts").exists()
    assert (site / "_includes/JB/setup").is_file() and (site / "index.html").is_file()


def test_hugo_site_is_complete(tmp_path: Path) -> None:
    site = tmp_path / "hugo"
    generate_corpus(site, 4, "--flavor", "hugo")
    config = tomllib.loads((site / "config.toml").read_text("utf-8"))
    assert config["taxonomies"] == {"tag": "tags", "category": "categories"}
    for rel in ("layouts/_default/baseof.html", "layouts/_default/single.html",
                "layouts/_default/list.html", "layouts/_default/taxonomy.html",
                "layouts/_default/term.html", "layouts/index.html"):
        assert (site / rel).is_file(), rel
    names = sorted(p.name for p in (site / "content/posts").iterdir())
    jekyll = generate_corpus(tmp_path / "jekyll", 4)
    assert names == sorted(p.name for p in (jekyll / "_posts").iterdir())
    assert not (site / "_posts").exists()


def test_force_replaces_only_generated_directories(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "_posts").mkdir(parents=True)
    (mine / "_posts/2014-10-18-real.md").write_text("my real blog", "utf-8")
    run = run_gencorpus(mine, "--posts", "2", "--force")
    assert run.returncode == 2 and "refusing" in run.stderr
    assert (mine / "_posts/2014-10-18-real.md").read_text("utf-8") == "my real blog"

    generated = generate_corpus(tmp_path / "gen", 6)
    assert run_gencorpus(generated, "--posts", "3").returncode == 2  # not empty, no --force
    assert len(list((generated / "_posts").iterdir())) == 6
    generate_corpus(generated, 3, "--force")
    assert len(list((generated / "_posts").iterdir())) == 3


# The benchmark driver, run as a user runs it; these checks keep it honest without timing
# anything: the peak memory is a sum over the process tree, and a broken blogtool shows up as
# a failed row instead of a crash.


def bench(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH), *args, "--corpora", str(tmp_path / "c"),
                           "--work", str(tmp_path / "w")],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.subprocesses
def test_bench_peak_memory_sums_the_process_tree(tmp_path: Path) -> None:
    grab = shlex.join([sys.executable, "-c",
                       "x = bytearray(80_000_000); import time; time.sleep(0.5)"])
    run = bench(tmp_path, "--sizes", "4", "--runs", "1", "--tools", "blogtool", "--no-warm",
                "--blogtool-cmd", shlex.join(["sh", "-c", f"{grab} & {grab}; wait"]))
    assert run.returncode == 0, run.stderr
    row = re.search(r"^\| 4 \| blogtool \| ([\d.]+) \| [^|]* \| [\d.]+ \| (\d+) \|",
                    run.stdout, re.M)
    assert row, run.stdout
    assert int(row.group(2)) > 150  # MB: two 80 MB children alive at once
    assert float(row.group(1)) >= 0.5


@pytest.mark.subprocesses
def test_bench_reports_a_failing_tool_and_builds_the_floor(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    run = bench(tmp_path, "--sizes", "4,8", "--runs", "1", "--tools", "blogtool,floor",
                "--blogtool-cmd", "false {src} {out}", "--output", str(report))
    assert run.returncode == 0, run.stderr
    text = report.read_text("utf-8")
    assert text == run.stdout
    assert "| 4 | blogtool | failed: exit status 1 |" in text
    floor_rows = re.findall(r"^\| (\d+) \| I/O floor \|(?: [^|]* \|){4} (\d+) \|", text, re.M)
    assert floor_rows == [("4", "4"), ("8", "8")]  # size, files written
    assert len(list((tmp_path / "w/floor-8").glob("*/index.html"))) == 8
    assert "nproc" in text and "Command: `python benchmarks/bench.py --sizes 4,8" in text
