"""Shared test setup."""
from __future__ import annotations

import os

# The CLI caches results on disk by default.  Tests run it in many temporary
# folders and some patch behaviour, so the cache is off for the suite;
# tests/test_cache.py turns it back on where it is the subject.
os.environ["NORMLINT_NO_CACHE"] = "1"
