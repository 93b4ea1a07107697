"""The files shipped in normlint/data, read by path.

A plain path beside this module, not importlib.resources: the package is always installed
as files (a wheel unpacked, or a checkout), and importlib.resources costs a cold start
several milliseconds of imports (tempfile, zipfile, shutil) for nothing it is used for."""
from __future__ import annotations

import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_bytes(name: str) -> bytes:
    with open(os.path.join(DATA, name), "rb") as fh:
        return fh.read()


def read_text(name: str) -> str:
    with open(os.path.join(DATA, name), encoding="utf-8") as fh:
        return fh.read()
