"""Helpers shared by several test modules (``tests/`` is on pytest's ``pythonpath``, so they
import ``support.<module>``)."""
