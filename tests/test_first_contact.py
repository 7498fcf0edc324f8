"""What a new user meets first: a mistyped source folder, an empty folder, the summary line,
``blogtool --help``."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from blogtool.cli import main


def test_missing_source_is_one_located_line_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-blog"
    result = CliRunner().invoke(main, ["build", "-s", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"{missing}: the source folder does not exist"
    assert not missing.exists()


def test_empty_folder_builds_and_says_what_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-s", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("Built ")
    assert lines[1] == (f"{tmp_path} has no _config.yml and no posts: `blogtool init` starts "
                        f"a new blog, `blogtool new` writes a post")


def test_summary_counts_the_theme_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "-s", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "_site" / "assets" / "blogtool.css").is_file()
    assert ", 1 static file in " in result.output
    assert "has no _config.yml" not in result.output


def test_help_lists_every_command_in_full() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    commands = result.output.split("Commands:", 1)[1].strip().splitlines()
    assert len(commands) >= 7
    for line in commands:
        assert not line.rstrip().endswith("..."), line
