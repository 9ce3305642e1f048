"""Search-as-you-type over the register, answered from memory.

Each keystroke used to run `search_ids` — an `instr()` scan of 100,000 rows in display order, ~25–45 ms of
SQL on an office PC, most of the 50 ms a keystroke may take. Here the register's normalised search texts are
read once (`load_texts`, ~0.1 s for 100,000), the filters and the sort (what changes rarely) go to SQL as a
query of ids in display order (what a sort costs anyway), and the text (what changes on every keystroke) is
matched in Python with the same rule as `contains_text` (the normalised, lower-case text is a substring), so
the ids are exactly those `search_ids` returns. Typing on narrows the previous answer instead of starting again.

Texts and index are a snapshot: whoever holds them drops them when the register may have changed (after a
save, an import, a refresh), as the table model does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress

from sqlalchemy import select

from core.domain.text import normalize_name
from core.services.enterprises import EnterpriseQuery, search_ids
from core.store.fast import rows_fast
from core.store.models import Enterprise
from core.store.uow import UnitOfWork


def needle_of(text: str) -> str:
    """The text as the register's search column holds it (see `contains_text`); "" matches everything."""
    return normalize_name(text).lower() if text.strip() else ""


@dataclass
class TextIndex:
    """The ids of one query without its text, in display order; `matching` filters them by the register's
    search texts (`load_texts`, shared by every index until the register is read again)."""

    base: EnterpriseQuery  # the query it answers, with text "" and no limit
    ids: list[int]
    _aligned: list[str] | None = field(default=None, repr=False)  # texts[ids[k]], made on the first search
    _last: tuple[str, list[int], list[str]] = field(default=("", [], []), repr=False)

    def matching(self, text: str, texts: Callable[[], Mapping[int, str]]) -> list[int]:
        """Ids whose search text contains `text` (normalised), in display order. `texts` gives the search
        texts by id; it is only called when there is a text to look for (and once per index)."""
        needle = needle_of(text)
        if not needle:
            return list(self.ids)
        last_needle, ids, aligned = self._last
        if not last_needle or last_needle not in needle:  # not a narrowing of the last answer: from the top
            if self._aligned is None:
                by_id = texts()
                self._aligned = [by_id.get(i, "") for i in self.ids]
            ids, aligned = self.ids, self._aligned
        mask = [needle in t for t in aligned]
        found_ids = list(compress(ids, mask))
        self._last = (needle, found_ids, list(compress(aligned, mask)))
        return list(found_ids)


def load_texts(uow: UnitOfWork) -> dict[int, str]:
    """Every enterprise's normalised search text by id (what `contains_text` searches in SQL)."""
    stmt = select(Enterprise.id, Enterprise.search_text)
    return dict(rows_fast(uow.session, stmt))  # (int, str) rows as the driver gives them


def load(uow: UnitOfWork, query: EnterpriseQuery) -> TextIndex:
    """The index for `query`'s filters and sort (its text and limit are ignored): only ids are read, so a
    sort or a filter costs what the SQL query costs."""
    base = base_of(query)
    return TextIndex(base, search_ids(uow, base))


def base_of(query: EnterpriseQuery) -> EnterpriseQuery:
    """The part of a query an index answers: all but the text and the limit."""
    return replace(query, text="", limit=None)
