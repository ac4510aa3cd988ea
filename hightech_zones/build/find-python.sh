# Print the interpreter the book's environment is made with (make find-python): $PYTHON if set,
# else the newest of python3.X for the versions given (newest first) on PATH, or python3 if it is one
# of them. A candidate must run and make virtual environments: a pyenv shim for a version not
# selected is on PATH but fails, and Debian's and Ubuntu's Pythons lack ensurepip until
# python3.X-venv is installed. Shell, not Python: it runs before there is a Python to trust.
probe='import sys; print("%d.%d" % sys.version_info[:2]); import venv, ensurepip'
tried=""; why=""
candidates="$PYTHON"
[ -n "$candidates" ] || { for v in "$@"; do candidates="$candidates python$v"; done; candidates="$candidates python3"; }
for py in $candidates; do
  tried="$tried, $py"; v=$("$py" -c "$probe" 2>/dev/null); ok=$?
  if [ -z "$v" ]; then command -v "$py" >/dev/null && why="$why; $py does not run"; continue; fi
  case " $* " in *" $v "*) ;; *) why="$why; $py is $v"; continue;; esac
  if [ $ok != 0 ]; then why="$why; $py has no venv module (Debian, Ubuntu: apt-get install python$v-venv)"; continue; fi
  command -v "$py"; exit 0
done
versions=$(echo "$*" | sed 's/ /, /g; s/, \([^,]*\)$/ or \1/')
if [ -n "$PYTHON" ]; then what="PYTHON=$PYTHON is not usable"; else what="no supported Python found"; fi
echo "make: $what (tried ${tried#, }$why). The book runs on Python $versions." >&2
echo "make: install one (python.org; Debian or Ubuntu: apt-get install python3.12 python3.12-venv; macOS: brew install python@3.13;" \
     "pyenv: pyenv install 3.13) and run make again, or name it: make html PYTHON=/path/to/python3.13" >&2
exit 1
