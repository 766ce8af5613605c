"""Packages of prikaz, with the top-level templates/ shipped inside as generator/templates.

Everything else is in pyproject.toml; only this mapping of a folder outside the package
into it needs setup.py. generator/resources.py finds the copy in an installed package
and the top-level folder in a checkout.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
    package_dir={"generator.templates": "templates"},
    package_data={"generator.templates": ["*", "*/*"]},
)
