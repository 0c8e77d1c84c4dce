"""The house's layers, one way: domain ← data ← analysis ← report ← cli; synth beside, on domain only.

Reads every module's imports (also those inside functions) and fails on an import against the arrows.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "merit_lib"
RANK = {"domain": 0, "data": 1, "analysis": 2, "report": 3, "cli": 4}
#: what each layer may import, besides itself and the layers below it
ALSO = {"synth": {"domain", "synth"}, "report": {"synth"}, "cli": {"synth"}, "__init__": set(RANK) | {"synth"}}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _allowed(src: str, dst: str) -> bool:
    if src == "synth":
        return dst in ALSO["synth"]
    if src == "__init__":
        return True
    if dst == "synth":
        return dst in ALSO.get(src, set())
    return RANK.get(dst, 99) <= RANK[src]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("merit_lib"):
            found.append((node.lineno, node.module))
            if node.module == "merit_lib":
                found += [(node.lineno, f"merit_lib.{a.name}") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import at line {node.lineno}; write merit_lib.<layer>…")
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("merit_lib")]
    return found


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(p for p in rel.parts if p != "__init__") if rel.name == "__init__" and len(rel.parts) > 2 else \
        ".".join(rel.parts)


def test_every_import_follows_the_arrows():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        src = _layer(_module(path))
        for line, target in _imports(path):
            dst = _layer(target)
            if dst != "__init__" and not _allowed(src, dst):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({src}) imports {target} ({dst})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_check_catches_a_wrong_import(tmp_path):
    # the rule itself: analysis may not import report, domain may import nothing above it
    assert not _allowed("analysis", "report") and not _allowed("domain", "data") and not _allowed("synth", "analysis")
    assert _allowed("report", "analysis") and _allowed("data", "domain") and _allowed("cli", "report")
