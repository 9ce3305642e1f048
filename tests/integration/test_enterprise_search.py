"""Search-as-you-type answered from memory gives exactly what the SQL search gives, for any text typed, with
any filter and sort, while typing on, deleting back or starting over; a fresh index sees a changed register."""

from __future__ import annotations

import random
from dataclasses import replace

from core.domain.enums import Field, TitleKind
from core.domain.uscc import with_check_digit
from core.services import enterprise_search
from core.services import enterprises as svc
from core.services import titles as tsvc
from core.store.uow import Database

NAMES = [
    "佛山市云擎机器人科技有限公司",
    "佛山市顺德区精锐自动化有限公司",
    "佛山市星图人工智能有限公司",
    "佛山市三水陶瓷有限公司",
    "佛山市睿德机器人（集团）有限公司",
    "广东 美的 智能装备有限公司",
    "佛山市ABC智造有限公司",
    "佛山市南海区机器人产业园有限公司",
]
DISTRICTS = ["南海区", "顺德区", "禅城区", "三水区", "高明区"]
FIELDS = ["ai", "robotics", "both", "other"]


def _seed(db: Database, n: int = 60) -> None:
    rnd = random.Random(7)
    with db.uow() as uow:
        for i in range(n):
            code = with_check_digit(f"91440600MA4U{i:05d}")
            name = (
                f"{rnd.choice(NAMES)[:-6]}{i}号有限公司"
                if i % 3
                else rnd.choice(NAMES).replace("公司", f"{i}公司")
            )
            view = svc.add_enterprise(
                uow,
                svc.EnterpriseInput(
                    code=code,
                    name=name,
                    district=rnd.choice(DISTRICTS),
                    field=rnd.choice(FIELDS),  # type: ignore[arg-type]
                    former_names=("佛山市旧机器人有限公司",) if i % 7 == 0 else (),
                ),
                actor="system",
            )
            if i % 5 == 0:
                tsvc.add_title(
                    uow, tsvc.TitleInput(view.code, "little-giant", 6, "2024-07-15"), actor="system"
                )


QUERIES = [
    svc.EnterpriseQuery(),
    svc.EnterpriseQuery(sort="district", descending=True),
    svc.EnterpriseQuery(sort="titles", descending=True),
    svc.EnterpriseQuery(field=Field.ROBOTICS, sort="code"),
    svc.EnterpriseQuery(district="南海区"),
    svc.EnterpriseQuery(title_kind=TitleKind.LITTLE_GIANT, sort="status"),
]
# What an officer types, one keystroke at a time: narrowing, deleting back, starting over, odd characters.
TYPED = [
    "机", "机器", "机器人", "机器", "机", "", "佛山市睿德机器人(集团", "佛山市睿德机器人（集团）", "91440600",
    "ma4u0001", "MA4U0001", "  ", "顺德区", "顺德区精", "abc", "ABC智", "美的智能", "%", "_", "号", "12号",
    "旧机器人", "旧机器人有限", "佛山",
]  # fmt: skip


def test_the_index_answers_every_keystroke_as_the_sql_search_does(db: Database) -> None:
    _seed(db)
    with db.uow() as uow:
        texts = enterprise_search.load_texts(uow)
        for query in QUERIES:
            index = enterprise_search.load(uow, query)
            for text in TYPED:
                expected = svc.search_ids(uow, replace(query, text=text))
                assert index.matching(text, lambda: texts) == expected, (query, text)


def test_a_result_is_the_callers_to_keep(db: Database) -> None:
    _seed(db, 10)
    with db.uow() as uow:
        index = enterprise_search.load(uow, svc.EnterpriseQuery())
        texts = enterprise_search.load_texts(uow)
    asked: list[int] = []

    def provide() -> dict[int, str]:
        asked.append(1)
        return texts

    everything = index.matching("", provide)
    assert asked == []  # no text typed: the texts are not needed (a sort or a filter does not read them)
    everything.clear()  # the table model owns its list; the index must not share it
    narrowed = index.matching("机器", provide)
    narrowed.clear()
    assert index.matching("机器人", provide) and len(index.matching("", provide)) == 10
    assert index.matching("佛山", provide) and asked == [1]  # read once per index


def test_a_new_index_sees_a_renamed_enterprise_and_the_old_one_does_not(db: Database) -> None:
    _seed(db, 10)
    with db.uow() as uow:
        old = enterprise_search.load(uow, svc.EnterpriseQuery())
        old_texts = enterprise_search.load_texts(uow)
        view = svc.get_enterprise(uow, with_check_digit("91440600MA4U00003"))
    with db.uow() as uow:
        svc.update_enterprise(
            uow,
            view.id,
            replace(svc.input_from_view(view), name="佛山市鲲鹏无人机有限公司"),
            view.version,
            actor="system",
        )
    with db.uow() as uow:
        fresh = enterprise_search.load(uow, svc.EnterpriseQuery())
        fresh_texts = enterprise_search.load_texts(uow)
    assert fresh.matching("鲲鹏", lambda: fresh_texts) == [view.id]
    assert old.matching("鲲鹏", lambda: old_texts) == []  # a snapshot: the table model drops it on refresh()
