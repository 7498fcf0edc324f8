"""blogtool: a Jekyll-compatible static site generator for CJK technical blogs."""

__version__ = "0.1.0"
