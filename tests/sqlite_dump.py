"""A SQLite database's whole content as SQL text (the register's tests compare it before and after a refused change)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: Path | str) -> str:
    """Every schema line and row of the database at `path`, as `sqlite3`'s iterdump writes them."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()
