"""Liquid for Jekyll sites: python-liquid with Jekyll's tags and filters."""
