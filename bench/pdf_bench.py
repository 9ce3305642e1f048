"""PDF benchmark: one notice, a batch of 500 notices, one 500-case batch notice, against a bare one-page
reportlab document with the same font, all in the same process. Figures, not pass/fail.

    uv run python bench/pdf_bench.py [--write]     (--write updates bench/RESULTS-pdf.md)
"""

from __future__ import annotations

import io
import os
import platform
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from core.io.pdf.fonts import FontSet, Role
from core.io.pdf.model import BureauSettings, CaseLine, NoticeData
from core.io.pdf.notice import render_notice

NAMES = ("佛山市堃鑫智能装备有限公司", "A&B<智造>有限公司", "广东喆犇淼\U00020bb7机器人科技股份有限公司")
SETTINGS = BureauSettings(contact_person="张珺", contact_phone="0757-83381234")


def line(i: int) -> CaseLine:
    return CaseLine(
        i, NAMES[i % 3], "顺德区", "专精特新“小巨人”", "第7批", Decimal("1000000.00"), Decimal("1000000.00")
    )


def notice(i: int, n_lines: int = 1) -> NoticeData:
    return NoticeData(
        SETTINGS,
        f"佛工信函〔2025〕{i}号",
        date(2025, 10, 20),
        tuple(line(i + k) for k in range(n_lines)),
        verification=f"{i:08X}",
        policy="《广东省推动人工智能与机器人产业创新发展若干政策措施》（粤府办〔2025〕6号）",
        rules="《广东省推动人工智能与机器人产业创新发展若干政策措施实施细则》（粤工信规字〔2025〕6号）",
    )


def bare_page(font: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(font, 16)
    for k in range(22):
        c.drawString(80, 760 - k * 29, "根据有关规定，经审查、公示和部门决策，同意给予奖励。现将有关事项通")
    c.showPage()
    c.save()
    return buf.getvalue()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    t0 = time.perf_counter()
    fonts = FontSet.default()
    t_fonts = time.perf_counter() - t0
    font = fonts[Role.BODY].primary

    t0 = time.perf_counter()
    first = render_notice(notice(1), fonts)
    t_first = time.perf_counter() - t0

    bare = [0.0] * 20
    for k in range(20):
        t0 = time.perf_counter()
        bare_page(font)
        bare[k] = time.perf_counter() - t0

    singles: list[float] = []
    pages = 0
    t_batch0 = time.perf_counter()
    for i in range(500):
        t0 = time.perf_counter()
        pdf = render_notice(notice(i + 2), fonts)
        singles.append(time.perf_counter() - t0)
        pages += pdf.count(b"/Type /Page\n")
    t_batch = time.perf_counter() - t_batch0

    t0 = time.perf_counter()
    big = render_notice(notice(9000, 500), fonts)
    t_big = time.perf_counter() - t0

    rows = [
        ("font set (official/bundled/system fonts found and registered, once per process)", ms(t_fonts), ""),
        (
            "first notice (3 pages, cold: layout code and glyph subsets warm up)",
            ms(t_first),
            f"{len(first) // 1024} KB",
        ),
        (
            "bare one-page reportlab document, same font, 22 lines (median of 20)",
            ms(statistics.median(bare)),
            "",
        ),
        ("batch of 500 single-case notices: total", f"{t_batch:.2f} s", f"{pages} pages"),
        (
            "  per notice: mean / median / max",
            f"{ms(statistics.mean(singles))} / {ms(statistics.median(singles))} / {ms(max(singles))}",
            "target < 50 ms",
        ),
        (
            "one batch notice with 500 cases (allocation table over many pages)",
            ms(t_big),
            f"{len(big) // 1024} KB",
        ),
    ]
    machine = f"{platform.system()} {platform.release()}, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Machine: {machine}")
    print("Fonts: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in fonts.describe().items()))
    for name, value, note in rows:
        print(f"{name:<90} {value:>28}  {note}")
    if "--write" in sys.argv:
        out = Path(__file__).with_name("RESULTS-pdf.md")
        lines = [
            "# Benchmarks — PDF documents (issue 5)",
            "",
            f"Machine: {machine}. Run: `uv run python bench/pdf_bench.py --write` ({date.today().isoformat()}).",
            "",
            "Fonts used: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in fonts.describe().items()) + ".",
            "",
            "| figure | value | note |",
            "|---|---|---|",
            *(f"| {n.strip()} | {v} | {note} |" for n, v, note in rows),
            "",
            "Fonts are registered once per process (`FontSet.default()` is cached) and every document reuses them;",
            "reportlab keeps each document's glyph subset apart.",
        ]
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
