"""Markdown documents for the kramdown differential test (``tests/test_kramdown_oracle.py``):
``block.py`` (block-level syntax) and ``span.py`` (span-level syntax), each a list ``CASES``."""
