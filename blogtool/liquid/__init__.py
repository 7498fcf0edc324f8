"""Liquid for Jekyll sites: python-liquid's block structure with Liquid 5.4's reading of markup
and Jekyll's tags and filters.

* ``engine``        LiquidSettings, LiquidEngine.render(), includes; errors and warnings
* ``trimming``      the template's tokens as Liquid reads them (``{%-`` trims ASCII only)
* ``lexer``         expression tokens for python-liquid's parsers (``reversed`` as a name)
* ``values``        truth, key lookups, ``size``/``first``/``last``, operators
* ``expressions``   one operand's text to a value; paths, ranges, filter chains, conditions
* ``strict``        the strict reading of outputs, conditions and loops
* ``lax``           the lax reading (fragments), the fallback and the only reading of some tags
* ``tagsupport``    the error-mode switch and markup helpers the tags share
* ``output_tags``   ``{{ }}``, echo, assign, capture, render, text
* ``branch_tags``   if, unless, case
* ``loop_tags``     for, tablerow, cycle
* ``include_tags``  include, include_relative
* ``jekyll_tags``   highlight, post_url, link, seo, feed_meta, unknown tags
* ``standard_filters``  Liquid's filters (numbers, strings, arrays)
* ``jekyll_filters``    the filter table: Liquid's, Jekyll's (``blogtool.filters``) and the
                        ``*_exp`` filters; ``jekyll_ruby`` adds Jekyll's type rules
* ``seo``           jekyll-seo-tag's and jekyll-feed's ``feed_meta`` output
* ``state``         settings and per-render state, shared without importing the engine

Each tag and filter module joins an environment through its ``register(env)``.
"""
