"""Markdown to HTML: markdown-it-py with Jekyll-shaped output, CJK rules and code handling."""
