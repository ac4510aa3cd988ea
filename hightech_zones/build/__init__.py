"""The command line around ``jupyter-book build``: editions, the release, the citation, the web
font and the system packages the tests need. Runs from make; never imported by a chapter's kernel."""
