"""What `make test` needs beyond Python, installed before anything is built.

The tests drive Debian's Chromium, build the PDF with xelatex and Noto CJK, read it with poppler,
check the charts under JupyterLab's Vega-Lite with Node.js, and build the book under a moved clock
with faketime. On Debian or Ubuntu this installs what is missing through apt-get, as root or
through sudo, and says what it installs; elsewhere, or without the right to install, it stops with
one line naming the command to run.

    python -m hightech_zones.build.system_packages        # install what is missing, or say what to run
    python -m hightech_zones.build.system_packages --dry-run
    python -m hightech_zones.build.system_packages --check pdf   # (make pdf) say what TeX lacks, install nothing
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

# Debian package -> a command or file that shows it is there (on systems without dpkg).
PACKAGES = {
    "texlive-xetex": "xelatex",
    "texlive-lang-chinese": "/usr/share/texlive/texmf-dist/tex/xelatex/xecjk/xeCJK.sty",
    "texlive-fonts-recommended": "/usr/share/texlive/texmf-dist/fonts",
    "texlive-latex-extra": "/usr/share/texlive/texmf-dist/tex/latex/needspace/needspace.sty",
    "fonts-noto-cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "fonts-freefont-otf": "/usr/share/fonts/opentype/freefont/FreeSerif.otf",
    "latexmk": "latexmk",
    "poppler-utils": "pdftotext",
    "chromium": "chromium",
    "faketime": "faketime",
    "nodejs": "node",
    "npm": "npm",
}


# What `make pdf` needs: xelatex, xeCJK and the LaTeX packages Sphinx uses, Noto CJK and FreeFont.
PDF = [p for p in PACKAGES if p.startswith(("texlive", "fonts")) or p == "latexmk"]


def installed(package: str) -> bool:
    """Installed through dpkg; or, where there is no dpkg, or for Node.js and npm (often installed
    from elsewhere: nvm, NodeSource, an image), the command or file it provides is there."""
    dpkg = shutil.which("dpkg-query")
    if dpkg and "install ok installed" in subprocess.run([dpkg, "-W", "-f=${Status}", package],
                                                         capture_output=True, text=True).stdout:
        return True
    if dpkg and package not in ("nodejs", "npm"):
        return False
    probe = PACKAGES[package]
    return os.path.exists(probe) if probe.startswith("/") else shutil.which(probe) is not None


def missing() -> list[str]:
    return [p for p in PACKAGES if not installed(p)]


def installer() -> list[str] | None:
    """How to run apt-get here: directly as root, through sudo if it asks for no password, else None."""
    if not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def main(argv: list[str]) -> int:
    if argv[:2] == ["--check", "pdf"]:
        need = [p for p in PDF if not installed(p)]
        if need:
            print(f"make pdf: missing Debian packages; install them with: sudo apt-get install {' '.join(need)}",
                  file=sys.stderr)
        return 1 if need else 0
    need = missing()
    if not need:
        return 0
    names = " ".join(need)
    how = installer()
    if how is None or "--dry-run" in argv:
        print(f"make test: missing Debian packages; install them, then run make test again: sudo apt-get install {names}",
              file=sys.stderr)
        return 1
    print(f"make test: installing what the tests need (Debian packages): {names}", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *need]):
        if subprocess.run([*how, *command], env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"make test: `{' '.join(command)}` failed (above); install by hand: sudo apt-get install {names}",
                  file=sys.stderr)
            return 1
    left = missing()
    if left:
        print(f"make test: still missing after apt-get: {' '.join(left)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
