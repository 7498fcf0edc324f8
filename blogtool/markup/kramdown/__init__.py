"""kramdown's syntax for markdown-it-py: attribute lists, extensions, header ids, tables of
contents and the structure rules where kramdown reads a document differently from CommonMark.

One rule per module; ``dialect.py`` registers them, in order, on a parser."""
