"""`make test` installs what its tests need, or stops before building anything with the command to run."""
from __future__ import annotations

import re
from pathlib import Path

from hightech_zones.build import system_packages

ROOT = Path(__file__).resolve().parents[2]


def test_what_the_tests_need_is_named_with_a_way_to_tell_it_is_there():
    assert {"chromium", "faketime", "fonts-noto-cjk", "texlive-xetex", "poppler-utils", "npm"} <= set(system_packages.PACKAGES)
    assert all(probe for probe in system_packages.PACKAGES.values())


def test_without_the_right_to_install_it_stops_with_one_line_naming_the_command(monkeypatch, capsys):
    monkeypatch.setattr(system_packages, "missing", lambda: ["chromium", "faketime"])
    monkeypatch.setattr(system_packages, "installer", lambda: None)
    assert system_packages.main([]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["make test: missing Debian packages; install them, then run make test again: "
                   "sudo apt-get install chromium faketime"]


def test_with_everything_there_it_says_nothing_and_installs_nothing(monkeypatch, capsys):
    monkeypatch.setattr(system_packages, "missing", lambda: [])
    monkeypatch.setattr(system_packages, "installer", lambda: [])  # would run apt-get, were anything missing
    assert system_packages.main([]) == 0
    assert capsys.readouterr() == ("", "")


def test_a_package_that_is_not_there_counts_as_missing(monkeypatch):
    monkeypatch.setitem(system_packages.PACKAGES, "no-such-package-hz", "/no/such/file")
    assert "no-such-package-hz" in system_packages.missing()


def test_the_makefile_installs_before_it_builds_and_moves_the_clock():
    """test-tools is test's first prerequisite; the build and the tests run under the moved clock."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: test-tools ", makefile, re.M)
    assert re.search(r"^MOVED_CLOCK := faketime -f \+2d$", makefile, re.M)
    recipe = makefile.split("\ntest: ", 1)[1].split("\n\n", 1)[0]
    assert "$(MOVED_CLOCK) $(MAKE) --no-print-directory html\n" in recipe and "$(MOVED_CLOCK) $(BIN)/python -m pytest" in recipe


def test_ci_runs_the_readme_commands_and_nothing_else():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)```", readme, re.S)[1]
    commands = [line.split("#")[0].strip() for line in first.splitlines()]
    run = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make html", "make test"] and run == commands
