from pathlib import Path

from merit_lib.domain import contract as C

ROOT = Path(__file__).resolve().parents[1]


def test_data_readme_matches_contract():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    begin, end = text.index("<!-- DICTIONARY:BEGIN"), text.index("<!-- DICTIONARY:END -->")
    block = text[text.index("\n", begin) + 1:end]
    assert block.strip() == C.data_dictionary().strip(), "data/README.md is stale: regenerate from contract.data_dictionary()"


def test_every_column_appears_once_in_the_dictionary():
    d = C.data_dictionary()
    for t in C.TABLES.values():
        for c in t.columns:
            assert f"| `{c.name}` | {c.kind} |" in d


def test_header_aliases_from_design():
    assert C.header_map(C.PEGAWAI)[C.header_key("NIP BARU")] == "nip"
    assert C.header_map(C.PEGAWAI)[C.header_key("UNOR")] == "opd_nama"
    assert C.header_key(" Tanggal-Lahir ") == "tanggallahir"
