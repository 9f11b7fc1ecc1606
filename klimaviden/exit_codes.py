"""The exit codes of every `klimaviden` command (documented in the README)."""

OK = 0
FAILED_FILES = 1  # reindex finished but some files failed; show could not read the file
ABORTED = 1  # a prompt broken off (Ctrl-C, end of input), as click's own "Aborted!"
USAGE = 2  # usage or configuration error, no index, a damaged index
REFUSED = 3  # reindex refused to remove most of the index; nothing touched
IO_ERROR = 74  # EX_IOERR in sysexits.h: the index could not be written
LOCKED = 75  # another reindex holds the lock; nothing touched
