"""Liquid for Jekyll sites: python-liquid with Jekyll's tags and filters.

* ``engine``         LiquidSettings, LiquidEngine.render(), unstash(); errors and warnings
* ``lexer``          Ruby-tolerant expression tokens (``reversed`` as a name, ``| |``)
* ``tags``           include, include_relative, highlight, post_url, link, seo, feed_meta,
                     unknown/ignored tags
* ``jekyll_filters`` registers ``blogtool.filters``; ``set_markdown_options()`` is the hook
                     the pipeline calls so that ``markdownify`` uses the site's Markdown options
* ``seo``            jekyll-seo-tag 2.8.0 and jekyll-feed's ``feed_meta`` output
"""
