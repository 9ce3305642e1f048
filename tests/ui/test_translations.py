"""The Chinese translation is complete: every UI string translated, and no source string missing from the .ts."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import update_translations as tool  # noqa: E402 - the tool lives outside the packages

TS = tool.TS_FILE


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            out.append((name, message.findtext("source") or "", translation))
    return out


def test_every_string_has_a_finished_chinese_translation() -> None:
    found = messages(TS)
    assert len(found) > 100
    unfinished = [
        (ctx, src) for ctx, src, tr in found if tr.get("type") == "unfinished" or not (tr.text or "").strip()
    ]
    assert unfinished == []


def test_no_source_string_is_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    tool.lupdate(copy, extra=("-locations", "none"))
    committed = {(ctx, src) for ctx, src, _tr in messages(TS)}
    extracted = {(ctx, src) for ctx, src, _tr in messages(copy)}
    assert extracted - committed == set(), (
        "run `uv run tools/update_translations.py` and translate the new strings"
    )


def test_the_qm_is_built_from_the_ts_and_translates(qapp: QCoreApplication) -> None:
    qm = TS.with_suffix(".qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "Enterprises") == "企业库"
    # Every finished translation in the .ts is in the .qm (the .qm was rebuilt after the last edit).
    missing = [
        (ctx, src) for ctx, src, tr in messages(TS) if translator.translate(ctx, src) != (tr.text or "")
    ]
    assert missing == []


@pytest.mark.parametrize("source", ["Save", "Cancel", "Credit code", "District", "Field"])
def test_officer_vocabulary(source: str) -> None:
    expected = {
        "Save": "保存",
        "Cancel": "取消",
        "Credit code": "统一社会信用代码",
        "District": "所在区",
        "Field": "领域",
    }
    translations = {src: tr.text for _ctx, src, tr in messages(TS)}
    assert translations[source] == expected[source]
