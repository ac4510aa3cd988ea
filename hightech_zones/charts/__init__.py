"""How the book's charts look (style, theme) and the builders of each chapter's charts.
Runs in a chapter's kernel; chapters say what to plot, these modules say how."""
