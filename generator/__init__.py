"""prikaz: official Russian municipal documents generated from YAML."""

__version__ = "0.1.0"
