"""Differential comparison of a Jekyll site built by real Jekyll 4.3.1 and by blogtool.

``build`` runs the two generators the same way (pinned time zone, scratch working folder,
optional extra configuration file); ``compare`` turns two output folders into figures (URL
sets, titles, internal links, visible text similarity, code blocks) that tests assert
thresholds on and README quotes; ``catalog`` lists the fixture sites and how to build them.
"""
from .build import BuildRun, build_blogtool, build_jekyll
from .compare import Report, compare

__all__ = ["BuildRun", "Report", "build_blogtool", "build_jekyll", "compare"]
