"""The report pages in a real browser: a small report loaded in headless Chromium at 1280 and 390 px, and its PDFs.

Skipped (with the reason) when no Chromium is installed (`apt-get install -y chromium`; .ci/run installs it) or
Playwright is missing. Playwright drives the system's Chromium (`executable_path`): nothing is downloaded here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from merit_lib.report.html import print_css
from merit_lib.report.pdf import A4_POINTS, find_browser, page_sizes
from merit_lib.synth import synthesize

BROWSER = find_browser()
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install -y chromium)")
pytestmark = pytest.mark.browser      # `-m "not browser"` leaves them out while working; `make test` runs them

PERIOD = "2026Q1"
N_OPD = 3

# in the page: the measures the assertions need (every <details> opened first, so nothing is hidden from them)
MEASURE = r"""() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const root = document.documentElement;
  const cut = [];
  for (const t of document.querySelectorAll('table')) {
    if (t.closest('details .scroll-x') || t.offsetParent === null) continue;   // scrolls in its box, or print only
    const box = t.parentElement;
    if (t.scrollWidth > box.clientWidth + 1 || t.getBoundingClientRect().right > root.clientWidth + 1)
      cut.push({table: (t.id || t.className || 'table'), width: t.scrollWidth, room: box.clientWidth});
  }
  // a header word wider than its cell's content box: the browser broke it mid-word ("PROVIN/SI")
  const broken = [];
  const pen = document.createElement('canvas').getContext('2d');
  for (const th of document.querySelectorAll('th')) {
    if (th.closest('details .scroll-x') || th.offsetParent === null) continue;   // scrolls, or not shown on screen
    const s = getComputedStyle(th);
    const room = th.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    pen.font = s.font;
    for (const w of th.textContent.trim().split(/\s+/))
      if (w && pen.measureText(w).width > room + 1) broken.push(`${w} (${Math.round(room)} px)`);
  }
  // a phone: a table outside its scroll box, a box that scrolls without its first column fixed, a figure shrunk
  const unboxed = [...document.querySelectorAll('table')].filter(t => !t.closest('.scroll-x') && t.offsetParent !== null).length;
  const loose = [];
  for (const box of document.querySelectorAll('.scroll-x')) {
    const t = box.querySelector('table'), first = t && t.querySelector('tr > :first-child');
    if (t && box.offsetParent !== null && t.scrollWidth > box.clientWidth + 1 && getComputedStyle(first).position !== 'sticky')
      loose.push(t.scrollWidth);
  }
  const scales = [...document.querySelectorAll('img')].filter(i => i.naturalWidth > 0)
                   .map(i => Math.min(1, i.getBoundingClientRect().width / Math.min(i.naturalWidth, root.clientWidth)));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
  const images = [...document.querySelectorAll('img')].map(i => ({src: i.getAttribute('src').slice(0, 40),
                    alt: i.getAttribute('alt'), ok: i.complete && i.naturalWidth > 0}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return {scroll: root.scrollWidth, client: root.clientWidth, cut, broken, links, images, ids, unboxed, loose, scales,
          figure: [...document.querySelectorAll('img')].map(i => [i.naturalWidth, i.getBoundingClientRect().width]),
          lang: root.getAttribute('lang'), title: document.title,
          viewport: !!document.querySelector('meta[name=viewport]'),
          styled: getComputedStyle(document.body).maxWidth};
}"""


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """A small report (synthetic n=300, three OPDs, with PDFs) rendered by the command line."""
    base = tmp_path_factory.mktemp("browser")
    synth = synthesize(n=300, seed=7)
    data = synth.write(base / "data")
    codes = synth.tables["pegawai"]["opd_kode"].value_counts().index[:N_OPD].tolist()
    out = base / PERIOD
    cmd = [sys.executable, "-m", "merit_lib.cli", "report", "--data", str(data), "--period", PERIOD, "--out", str(out),
           "--opd", *codes, "--pdf"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env={**os.environ, "MERIT_CHROMIUM": BROWSER})
    assert done.returncode == 0, done.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=BROWSER, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def pages_of(report: Path) -> list[Path]:
    return [report / "index.html", report / "provinsi.html", report / "audit_keadilan.html",
            *sorted((report / "opd").glob("*.html"))]


def visit(browser, page_file: Path, width: int) -> tuple[dict, list[str]]:
    """Load one page at `width` px; its measures and every console error, page error or failed request."""
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(page_file.as_uri(), wait_until="load")
    measures = page.evaluate(MEASURE)
    ctx.close()
    return measures, problems


def local_target(page_file: Path, href: str) -> tuple[Path, str] | None:
    """A link's file and fragment when it is local (no scheme, not data:), else None."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None
    target = (page_file.parent / unquote(parts.path)).resolve() if parts.path else page_file
    return target, parts.fragment


@needs_browser
def test_report_has_every_page(report):
    assert len(list((report / "opd").glob("*.html"))) == N_OPD
    assert (report / "assets" / "merit.css").is_file()
    index = (report / "index.html").read_text(encoding="utf-8")
    assert '<th class="code">Kode</th>' in index and ">kode<" not in index     # the catalogue's header, not a literal


@needs_browser
@pytest.mark.parametrize("which", range(3 + N_OPD))
def test_page_at_1280_fits_and_resolves(report, browser, which):
    page_file = pages_of(report)[which]
    m, problems = visit(browser, page_file, 1280)
    assert problems == [], problems
    assert m["scroll"] <= m["client"], f"{page_file.name}: page {m['scroll']} px wide in a {m['client']} px window"
    assert m["cut"] == [], f"{page_file.name}: tables cut at 1280 px: {m['cut']}"
    assert m["broken"] == [], f"{page_file.name}: table headers broken mid-word at 1280 px: {m['broken']}"
    assert m["lang"] == "id" and m["viewport"]
    assert "Notebook" not in m["title"] and "Triwulan I 2026" in m["title"], m["title"]
    assert m["styled"] == "1100px", "the shared stylesheet did not apply"
    assert all(i["ok"] for i in m["images"]), m["images"]
    assert all(i["alt"] and "No description" not in i["alt"] for i in m["images"]), [i["alt"] for i in m["images"]]
    for href in m["links"]:
        local = local_target(page_file, href)
        if local is None:
            continue
        target, fragment = local
        assert target.exists(), f"{page_file.name}: link {href} → {target} does not exist"
        if fragment and target == page_file.resolve():
            assert fragment in m["ids"], f"{page_file.name}: anchor #{fragment} has no target"


@needs_browser
def test_index_at_390_has_no_overflow(report, browser):
    m, problems = visit(browser, report / "index.html", 390)
    assert problems == []
    assert m["scroll"] <= m["client"] == 390, f"index is {m['scroll']} px wide on a 390 px phone"
    assert m["cut"] == []
    assert sum(href.startswith("opd/") and href.endswith(".html") for href in m["links"]) == N_OPD


@needs_browser
@pytest.mark.parametrize("which", range(1, 3 + N_OPD))
def test_page_at_390_scrolls_its_tables_and_keeps_figures_readable(report, browser, which):
    """A real 390 px viewport (a phone): the page is never wider than the screen; every table scrolls inside its own
    box with its first column fixed; a figure keeps at least MIN_FIGURE_SCALE of its size, so its smallest label
    (SMALLEST_FONT_PT at 100 dpi) stays at least 8 px tall."""
    from merit_lib.report.figures import SMALLEST_FONT_PT
    from merit_lib.report.html import MIN_FIGURE_SCALE

    page_file = pages_of(report)[which]
    m, problems = visit(browser, page_file, 390)
    assert problems == [], problems
    assert m["scroll"] <= m["client"] == 390, f"{page_file.name} is {m['scroll']} px wide on a 390 px phone"
    assert m["unboxed"] == 0 and m["loose"] == [], (page_file.name, m["unboxed"], m["loose"])
    assert m["scales"], f"{page_file.name}: no figure"
    for (natural, shown), scale in zip(m["figure"], m["scales"]):
        smallest_px = SMALLEST_FONT_PT * 100 / 72 * shown / natural
        assert scale >= MIN_FIGURE_SCALE - 0.01 and smallest_px >= 8, (page_file.name, natural, shown)


@needs_browser
def test_pdf_per_opd_page_is_a4(report):
    pages = sorted((report / "opd").glob("*.html"))
    pdfs = sorted((report / "opd").glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in pages]
    index = (report / "index.html").read_text(encoding="utf-8")
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        sizes = page_sizes(data)
        assert len(sizes) >= 2, f"{pdf.name}: {len(sizes)} page(s)"
        assert set(sizes) == {A4_POINTS}, f"{pdf.name}: page sizes {set(sizes)} are not A4 {A4_POINTS}"
        # every page carries the running footer: the page's title and period, and "hal. x dari y"
        from pypdf import PdfReader

        page = (pdf.with_suffix(".html")).read_text(encoding="utf-8")
        title = re.search(r"<h1>(.*?)</h1>", page).group(1)
        texts = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
        for i, t in enumerate(texts, start=1):
            assert f"hal. {i} dari {len(texts)}" in t and "Triwulan I 2026" in t and title in t, (pdf.name, i, t[:200])
        # sections flow: no page but the last holds only a heading or two (before: 36, 25 and 3 words)
        words = [len(t.split()) - len(title.split()) - 8 for t in texts]
        assert min(words[:-1]) >= 60, (pdf.name, words)
        assert f'href="opd/{pdf.name}"' in index
    assert not list(report.glob("*.pdf")), "only OPD pages get a PDF"


def test_pdf_without_browser_is_one_line_exit_2(tmp_path, small_dir):
    env = {**os.environ, "MERIT_CHROMIUM": "no-such-browser-here"}
    done = subprocess.run([sys.executable, "-m", "merit_lib.cli", "report", "--data", str(small_dir), "--period", PERIOD,
                           "--out", str(tmp_path / "r"), "--pdf"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert "apt-get install -y chromium" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "r").exists()


# --------------------------------------------------------------------------- the page form without a browser

def _nb_page(lang: str = "id") -> str:
    """A tiny executed notebook (a heading, two figures — one titled by the kernel —, a table in <details>) rendered
    by our template and finished as the pipeline does."""
    import base64
    from types import SimpleNamespace

    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from merit_lib.report.html import _exporter, finish_page, page_resources

    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 64).decode()
    table = "<details><summary>Lampiran teknis</summary><table><tr><td>term</td></tr></table></details><table><tr><td>x</td></tr></table>"
    nb = new_notebook(cells=[
        new_markdown_cell("# Judul\n\n## 1. Kedudukan di antara OPD lain"),
        new_code_cell("plot()", outputs=[new_output("display_data", data={"image/png": png}),
                                         new_output("display_data", data={"image/png": png},
                                                    metadata={"image/png": {"alt": "Rasio odds — jenis_kelamin"}}),
                                         new_output("display_data", data={"image/png": png})]),
        new_code_cell("params = 1"),
        new_code_cell("show()", outputs=[new_output("display_data", data={"text/html": table})]),
    ])
    nb = nbformat.from_dict(nb)
    job = SimpleNamespace(name="opd/DINKES", title="Laporan Dinas Kesehatan", opd="DINKES")
    meta = {"period": PERIOD, "fingerprint": "abc123"}
    body, _ = _exporter().from_notebook_node(nb, resources=page_resources(job.title, meta, lang, job.opd, 1))
    return finish_page(body, job.title)


def test_page_form_lang_title_viewport_stylesheet():
    html = _nb_page()
    assert '<html lang="id">' in html
    assert "<title>Laporan Dinas Kesehatan — Triwulan I 2026</title>" in html
    assert 'name="viewport"' in html and 'href="../assets/merit.css"' in html
    # no JupyterLab CSS or script inlined: the one <style> is the printed page's running footer
    assert re.findall(r"<style>(.*?)</style>", html, re.S) == [print_css("Laporan Dinas Kesehatan · Triwulan I 2026", "id")]
    assert "<script" not in html
    assert "params = 1" not in html and "celltag" not in html
    assert len(html.encode()) < 6_000
    en = _nb_page("en")
    assert '<html lang="en">' in en and "— Q1 2026</title>" in en


def test_page_alt_text_from_figure_or_heading():
    from bs4 import BeautifulSoup

    alts = [img["alt"] for img in BeautifulSoup(_nb_page(), "html.parser").find_all("img")]
    assert alts == ["1. Kedudukan di antara OPD lain", "Rasio odds — jenis_kelamin", "1. Kedudukan di antara OPD lain (2)"]


def test_page_tables_in_details_scroll():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_nb_page(), "html.parser")
    inner, outer = soup.find_all("table")
    assert inner.parent.get("class") == ["scroll-x"] and inner.find_parent("details") is not None
    assert outer.parent.get("class") == ["scroll-x"]              # every table scrolls in its own box on a phone


def _wide(rows: int, cols: int = 12) -> str:
    head = "".join(f"<th>kolom {j}</th>" for j in range(cols))
    body = "".join("<tr>" + "".join(f"<td>{i}.{j}</td>" for j in range(cols)) + "</tr>" for i in range(rows))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def test_a_wide_table_prints_as_name_value_lists_or_a_line_saying_where_it_is():
    from bs4 import BeautifulSoup

    from merit_lib.domain import text
    from merit_lib.report.html import KEY_VALUE_ROWS, finish_page

    soup = BeautifulSoup(finish_page(_wide(1) + _wide(KEY_VALUE_ROWS + 1) + _wide(3, cols=4), "x", "en"), "html.parser")
    one, many, narrow = [t for t in soup.find_all("table") if "merit-kv" not in (t.get("class") or [])]
    for wide in (one, many):
        assert "merit-wide" in wide["class"] and "screen-only" in wide.parent["class"]   # not printed as it is
    twin = one.parent.find_next_sibling()
    assert twin["class"] == ["print-only", "merit-kv"]
    assert [(tr.th.text, tr.td.text) for tr in twin.find_all("tr")] == [(f"kolom {j}", f"0.{j}") for j in range(12)]
    note = many.parent.find_next_sibling()
    assert note.name == "p" and "print-only" in note["class"] and note.text == text.t("site.print_omitted", "en")
    assert "screen-only" not in narrow.parent["class"] and not narrow.parent.find_next_sibling()


def test_the_running_footer_is_a_css_string_no_title_can_leave():
    from merit_lib.report.html import css_string, print_css

    hostile = 'Dinas "X"; } body { display: none } </style><script>alert(1)</script>\\\n'
    quoted = css_string(hostile)
    assert re.fullmatch(r'"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"', quoted)           # letters, digits and escapes only
    assert re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1]) == hostile
    footer = print_css(hostile, "id")
    assert "<" not in footer and footer.count("@bottom-left") == 1 and "counter(pages)" in footer
    assert css_string("hal. ") == '"hal\\00002e\\000020"'                    # the space after the dot survives


def test_stylesheet_written_once_with_print_rules(tmp_path):
    from merit_lib.report.html import STYLESHEET, write_assets

    path = write_assets(tmp_path)
    assert path == (tmp_path / STYLESHEET).resolve()
    css = path.read_text(encoding="utf-8")
    assert "size: A4" in css and "@media print" in css and "@bottom-right" in css
    assert "break-before: page" not in css, "sections flow on the printed page instead of one section a page"
    assert "overflow-x: auto" in css and "details::details-content" in css
    assert len(css.encode()) < 12_000, "the shared stylesheet carries what the pages need, not JupyterLab's 260 KB"


def test_alt_text_formatter_carries_the_figure_title():
    from types import SimpleNamespace

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.formatters import PNGFormatter
    from matplotlib.figure import Figure

    from merit_lib.report.alt_text import figure_title, install

    png = PNGFormatter()
    png.for_type(Figure, lambda fig: "cG5n")
    shell = SimpleNamespace(display_formatter=SimpleNamespace(formatters={"image/png": png}))
    assert install(shell) and install(shell)
    fig, (a, b) = plt.subplots(1, 2)
    a.set_title("laki-laki")
    b.set_xlabel("rasio odds")
    assert figure_title(fig) == "laki-laki"
    fig.suptitle("Rasio odds promosi  pada merit yang sama")
    assert png(fig) == ("cG5n", {"alt": "Rasio odds promosi pada merit yang sama"})
    bare, ax = plt.subplots()
    ax.set_xlabel("indeks")
    assert figure_title(bare) == "indeks"
    plt.close("all")


def test_pdf_page_sizes_read_from_bytes():
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [0 0 594.95996 841.91998] >>\n"
           b"2 0 obj << /Type /Page /MediaBox [0 0 612 792] >>\n")
    assert page_sizes(pdf) == [A4_POINTS, (612, 792)]


# --------------------------------------------------------------------------- figures: titles that fit and name them

def _smallest_font(fig) -> float:
    """The smallest font size (points) of any visible, non-empty text in a figure: titles, labels, ticks, notes."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return min(t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip())


def test_figures_have_titles_that_fit_their_canvas_and_full_opd_names():
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from merit_lib.domain import text
    from merit_lib.report import page_figures as rp
    from merit_lib.report.alt_text import figure_title
    from merit_lib.report.figures import SMALLEST_FONT_PT

    long = "Badan Perencanaan Pembangunan Daerah dan Penelitian Pengembangan"
    points = pd.DataFrame({"component": "share_promosi_talent_pool", "opd_kode": ["01", "02", "03"],
                           "opd_nama": [long, "Inspektorat", "Biro Umum"], "k": [2.0, 30.0, 20.0], "n": [40.0, 50.0, 40.0],
                           "share": [0.05, 0.6, 0.5], "p0": 0.55, "position": ["below", "inside", "inside"]})
    fig = rp.funnel_plot(points, lang="id")       # an OPD beyond the limits is named in full, on the canvas
    notes = [t for t in fig.axes[0].texts if t.get_text()]
    assert [" ".join(t.get_text().split()) for t in notes] == [long] and "…" not in notes[0].get_text()
    renderer = fig.canvas.get_renderer()
    box = notes[0].get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width
    coef = pd.DataFrame({"model": "logit", "term": ["Intercept", "C(level_awal)[T.Pelaksana]", "pendidikan_s1"],
                         "odds_ratio": [7.8e-05, 30.0, 0.4], "ci_low": [1e-5, 4.0, 0.2], "ci_high": [1e-3, 200.0, 0.6]})
    for lang in ("id", "en"):
        fig = rp.model_plot(coef, lang=lang)
        title = fig._suptitle
        box = title.get_window_extent(fig.canvas.get_renderer())
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width + 0.5, (lang, box)        # not clipped at the right edge
        assert figure_title(fig) == text.t("fig_model_title", lang)
        grid = pd.DataFrame([[1, 2, 3], [4, 5, 6], [7, 8, 9]], index=[2, 1, 0], columns=[0, 1, 2]) * 10
        box_fig = rp.box_grid_plot(grid, lang)
        assert figure_title(box_fig) == text.t("fig.nine_box_title", lang)   # the alt text
        for f in (fig, box_fig, rp.funnel_plot(points, lang=lang)):
            assert _smallest_font(f) >= SMALLEST_FONT_PT, (lang, figure_title(f), _smallest_font(f))
