"""A scratch copy of the project, for the tests and the bench that build it without touching the work tree."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def copy_project(root: Path, dest: Path) -> Path:
    """The files git knows in `root` (tracked, or new and not ignored), copied to `dest` with their times."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (root / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, dest / name)
    return dest
