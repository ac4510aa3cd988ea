"""``make lab``: JupyterLab on the project, each chapter's .md opening as a notebook.

jupytext serves each chapter as a notebook; the settings written here make a double-click open it
as one, and keep Lab from fetching news. The kernels inherit ``HIGHTECH_ZONES_LANG``
(``language.py``): ``HIGHTECH_ZONES_LANG=zh_CN make lab`` runs the chapters as the Chinese
edition's build does. Any other arguments go to ``jupyter lab``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hightech_zones.language import ENV, language

SETTINGS = {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook",
                                                                            "myst": "Jupytext Notebook"}},
            "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def main(argv: list[str]) -> int:
    try:
        lang = language()
    except ValueError as error:
        print(f"make lab: {error}", file=sys.stderr)
        return 1
    print(f"make lab: the notebooks run in the {lang} edition's language ({ENV}={lang})", flush=True)
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps(SETTINGS), encoding="utf-8")
    as_root = ["--allow-root"] if os.geteuid() == 0 else []  # containers and CI run as root
    lab = Path(sys.executable).with_name("jupyter")
    os.execv(lab, [str(lab), "lab", f"--ServerApp.root_dir={Path.cwd()}", *as_root, *argv, "chapters/index.md"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
