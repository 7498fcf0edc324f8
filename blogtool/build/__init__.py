"""The build pipeline: its stages in order (config, read, generate, payload, render, write),
run by :mod:`blogtool.build.site`."""
