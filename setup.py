"""Packaging glue that pyproject.toml cannot express: the default theme lives in the
repository's top-level ``templates/`` (so the example blog and the theme are one tree) and is
shipped inside the wheel as ``blogtool/templates``."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["blogtool", "blogtool.*"]) + ["blogtool.templates"],
    package_dir={"blogtool.templates": "templates"},
    package_data={"blogtool.templates": ["*", "**/*"], "blogtool": ["builtin/**/*", "builtin/*"]},
)
