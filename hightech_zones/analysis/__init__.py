"""What the book computes and where each number comes from: the audit, the headline findings,
provenance, the zones' profiles and the reference pages. Runs in a chapter's kernel."""
