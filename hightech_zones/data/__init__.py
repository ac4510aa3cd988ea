"""The book's data: the loader, its checks and the errors it raises. Runs in a chapter's kernel
(``load``), in Sphinx and on the command line (``python -m hightech_zones.data.validate``)."""
