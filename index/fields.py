"""The names of the index fields that searching reads; index/schema.py defines the fields."""

STEMMED = "text"  # folded Danish stems and compound parts, title and headings boosted
EXACT = "exact"  # lower-case words as written, with positions (phrases)
ID = "id"
ORGANIZATION = "organization"
MEETING = "meeting"
THEME_LABEL = "theme_label"
DOC = "doc"  # the stored Document as JSON
