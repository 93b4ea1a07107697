"""User-facing errors: each becomes one clear message and exit code 2, never a traceback."""
from __future__ import annotations


class NormlintError(Exception):
    """A problem the user must fix (bad rule file, bad config, unreadable input)."""

    exit_code = 2


class RuleFileError(NormlintError):
    def __init__(self, path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class ConfigError(NormlintError):
    def __init__(self, path, message: str):
        self.path = str(path) if path else "<config>"
        super().__init__(f"{self.path}: {message}")


class InputError(NormlintError):
    """A file that cannot be checked (not UTF-8, binary, missing)."""

    def __init__(self, path, message: str):
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class WriteError(InputError, OSError):
    """A file that cannot be written (missing folder, full disk, no permission).  Also an
    OSError, so code that carries on without an optional file (the results cache) still can."""
