"""Site search that understands Swedish and English inflections, the same on every database.

Text is lemmatised with simplemma when a page is indexed and when a reader searches, and kept
in two plain tables (documents and their terms), so SQLite and PostgreSQL answer alike. See
"Search" in README.md for why.
"""
