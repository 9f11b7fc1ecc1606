"""The errors ingestion raises. The batch runner catches IngestError only; anything else is a bug."""


class IngestError(Exception):
    """A file could not be turned into a document. Carries the corpus-relative path and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        # Rebuilt from (path, reason) when sent back from a worker process.
        return (type(self), (self.path, self.reason))


class UnsupportedFormat(IngestError):
    """The file's format is not one klimaviden reads. Skipped and counted, not a failure."""


class ConfigError(ValueError):
    """A configuration file or folder is unusable (taxonomy.toml, entities.toml, the corpus or index
    folder); the message names it, the line when one is known, and what is wrong. Exit code 2."""
