"""Hostile input files, for the tests and `benchmarks/hostile_inputs.py`: each small on disk, each one that an
unbounded reader spends minutes and gigabytes on (issue 25, item 4).

- `stray_cell_workbook`: an extract's pegawai.xlsx with one stray value at the sheet's last cell, XFD1048576;
- `zip_bomb_workbook`: a pegawai.xlsx whose sheet is the header and one row repeated, compressed about 1000:1;
- `anchor_bomb_roles`: a roles file of about 1 KB whose aliases expand to 9**9 column names (a "billion laughs");
- `wide_header_csv`: a pegawai.csv whose header has `columns` cells (the contract's, then filler ones).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl

#: the last cell of an Excel sheet (column 16,384, row 1,048,576)
LAST_CELL = "XFD1048576"


def _xlsx_extract(csv_dir: Path | str, out: Path | str) -> Path:
    """The CSV extract `csv_dir` copied into `out` with its pegawai table as pegawai.xlsx (cells as text)."""
    import pandas as pd

    out = Path(out)
    shutil.copytree(csv_dir, out)
    (out / "pegawai.csv").unlink()
    table = pd.read_csv(Path(csv_dir) / "pegawai.csv", dtype=str, keep_default_na=False)
    table.to_excel(out / "pegawai.xlsx", index=False)
    return out


def stray_cell_workbook(csv_dir: Path | str, out: Path | str, cell: str = LAST_CELL) -> Path:
    """The extract with pegawai.xlsx holding one stray value at `cell` (default the sheet's last one); returns `out`."""
    out = _xlsx_extract(csv_dir, out)
    wb = openpyxl.load_workbook(out / "pegawai.xlsx")
    wb.active[cell] = "x"
    wb.save(out / "pegawai.xlsx")
    return out


def zip_bomb_workbook(csv_dir: Path | str, out: Path | str, megabytes: int = 600) -> Path:
    """The extract with pegawai.xlsx whose sheet holds the header and then its first data row repeated until the
    sheet is about `megabytes` MB uncompressed (the zip member is about 1000 times smaller); returns `out`."""
    out = _xlsx_extract(csv_dir, out)
    path = out / "pegawai.xlsx"
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = next(n for n in members if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    xml = members[sheet].decode("utf-8")
    rows = re.findall(r"<row\b.*?</row>", xml, flags=re.S)
    head, data = rows[0], re.sub(r'\s(r|spans)="[^"]*"', "", rows[1])     # the data row without row/cell references
    start, end = xml.split("<sheetData>", 1)[0], xml.split("</sheetData>", 1)[1]
    start = re.sub(r"<dimension [^>]*/>", "", start)
    body = (data * max(1, (1 << 20) // len(data))).encode("utf-8")        # about 1 MB of rows per write
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in members.items():
            if name != sheet:
                zf.writestr(name, content)
        with zf.open(sheet, "w", force_zip64=True) as fh:
            fh.write(f"{start}<sheetData>{head}".encode())
            for _ in range(max(1, megabytes * (1 << 20) // len(body))):
                fh.write(body)
            fh.write(f"</sheetData>{end}".encode())
    return out


def anchor_bomb_roles(path: Path | str, depth: int = 9, width: int = 9) -> Path:
    """A roles file of about 1 KB: anchors nested under `description`, and a `protected` column that is the last of
    them, an alias that expands to `width ** depth` names; returns `path`."""
    anchors = [f"&a0 [{', '.join(['lol'] * width)}]"]
    anchors += [f"&a{k} [{', '.join([f'*a{k - 1}'] * width)}]" for k in range(1, depth)]
    text = (f"outcome: is_promoted\ndescription: [{', '.join(anchors)}]\n"
            f"protected: [{{column: *a{depth - 1}}}]\n")
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def wide_header_csv(csv_dir: Path | str, out: Path | str, columns: int = 50_000) -> Path:
    """The CSV extract with a pegawai.csv header of `columns` cells (its own, then `kolom_N` fillers); returns `out`."""
    out = Path(out)
    shutil.copytree(csv_dir, out)
    lines = (out / "pegawai.csv").read_text(encoding="utf-8").split("\n")
    own = lines[0].split(",")
    filler = [f"kolom_{i}" for i in range(len(own), columns)]
    lines[0] = ",".join(own + filler)
    (out / "pegawai.csv").write_text("\n".join(lines), encoding="utf-8")
    return out
