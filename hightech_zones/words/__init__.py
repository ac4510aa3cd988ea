"""The book's words in each edition: labels, number and date formats, sentences. Runs in a chapter's kernel."""
