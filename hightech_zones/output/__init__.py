"""What a chapter hands to the book: MIME bundles, glued values, tables and their downloads.
Runs in a chapter's kernel."""
