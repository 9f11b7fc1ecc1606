"""One module per file format. Each declares NAME, EXTENSIONS and MIME_TYPES and exposes one pure
``extract(data: bytes, name: str) -> Extracted`` that raises IngestError(name, reason)."""
