"""Re-execute the chapters whenever what they read changes.

jupyter-cache recognises a notebook by its code alone, and Sphinx re-reads a page only when its
source changes; but a chapter's outputs also depend on ``data/`` and on this package. Without this,
an edited data file would leave every page showing the old numbers from the cache.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

PACKAGE = Path(__file__).parent
STAMP = "hightech_zones-inputs.sha256"


def inputs_digest(book: Path) -> str:
    """One digest of every data file and every module of this package."""
    files = sorted([*(book / "data").glob("*"), *PACKAGE.glob("*.py")])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh_if_inputs_changed(app, env, added, changed, removed) -> list[str]:
    """Sphinx ``env-get-outdated``: on a new digest, empty the execution cache and re-read every page."""
    cache = Path(env.mystnb_config.execution_cache_path)
    stamp = cache.parent / STAMP
    digest = inputs_digest(Path(app.srcdir))
    if stamp.is_file() and stamp.read_text() == digest:
        return []
    if cache.exists():
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return sorted(env.found_docs)
