"""The labelled evaluation set for metadata extraction: run it with ``make eval``."""
