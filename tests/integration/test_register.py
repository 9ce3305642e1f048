"""The enterprise and title register through its services, on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core.domain.enums import Field, RegStatus, TitleKind, TitleStatus
from core.domain.uscc import with_check_digit
from core.services import enterprises as svc
from core.services import titles as tsvc
from core.services.errors import Conflict, InputError
from core.store.uow import Database

CODE = "914403001922038216"


def _ent(code: str = CODE, name: str = "佛山市云擎机器人科技有限公司", **kw: str) -> svc.EnterpriseInput:
    return svc.EnterpriseInput(
        code=code, name=name, district=kw.pop("district", "南海区"), field=kw.pop("field", "robotics"), **kw
    )  # type: ignore[arg-type]


def test_add_normalises_and_reads_back(db: Database) -> None:
    with db.uow() as uow:
        view = svc.add_enterprise(
            uow,
            _ent(code="９１４４０３００１９２２０３８２１６\u3000", name=" 佛山市云擎机器人科技有限公司 "),
            actor="system",
        )
    assert view.code == CODE and view.name == "佛山市云擎机器人科技有限公司"
    with db.uow() as uow:
        again = svc.get_enterprise(uow, CODE.lower())
    assert again.field is Field.ROBOTICS and again.reg_status is RegStatus.ACTIVE


def test_typed_text_is_folded_but_notes_keep_their_lines(db: Database) -> None:
    with db.uow() as uow:
        view = svc.add_enterprise(
            uow,
            _ent(
                name="佛山市云擎\u3000\u3000机器人（集团）\t有限公司",
                address=" 南海区\u00a0桂城街道 ",
                contact_phone="0757 -\u200b 8888",
                notes="  第一行\n第二行  ",
                field_reason="  核心产品为工业机器人\n ",
            ),
            actor="system",
        )
    assert view.name == "佛山市云擎 机器人（集团） 有限公司"
    assert view.address == "南海区 桂城街道" and view.contact_phone == "0757 - 8888"
    assert view.notes == "第一行\n第二行" and view.field_reason == "核心产品为工业机器人"


def test_a_duplicate_code_is_refused_naming_the_existing_enterprise(db: Database) -> None:
    with db.uow() as uow:
        svc.add_enterprise(uow, _ent(), actor="system")
    with db.uow() as uow, pytest.raises(Conflict, match="佛山市云擎机器人科技有限公司"):
        svc.add_enterprise(uow, _ent(name="另一家公司"), actor="system")


def test_every_bad_field_is_reported_at_once(db: Database) -> None:
    with db.uow() as uow, pytest.raises(InputError) as info:
        svc.add_enterprise(uow, _ent(code="914403001922038217", name=" ", field="航天"), actor="system")
    assert set(info.value.fields) == {"code", "name", "field"}
    with db.uow() as uow:
        assert svc.count(uow) == 0


def test_a_failed_check_digit_is_kept_only_with_a_reason(db: Database) -> None:
    bad = "914403001922038217"
    with db.uow() as uow, pytest.raises(InputError):
        svc.add_enterprise(uow, _ent(code=bad), actor="system")
    with db.uow() as uow:
        view = svc.add_enterprise(
            uow, _ent(code=bad, code_override_reason="营业执照所载代码如此（早期赋码）"), actor="system"
        )
    assert view.code == bad and "营业执照" in view.code_override_reason


def test_same_name_under_another_code_warns(db: Database) -> None:
    with db.uow() as uow:
        svc.add_enterprise(uow, _ent(name="佛山市睿德机器人（集团）有限公司"), actor="system")
    other = with_check_digit("91440605MA4UJ2Y8N")
    with db.uow() as uow:
        view = svc.add_enterprise(
            uow, _ent(code=other, name="佛山市睿德机器人(集团)有限公司"), actor="system"
        )
    assert view.warnings and "同名" in view.warnings[0]


def test_renaming_keeps_the_old_name_as_a_former_name_and_finds_it(db: Database) -> None:
    with db.uow() as uow:
        view = svc.add_enterprise(uow, _ent(name="佛山市旧名科技有限公司"), actor="system")
    with db.uow() as uow:
        data = replace(svc.input_from_view(view), name="佛山市新名机器人有限公司")
        updated = svc.update_enterprise(uow, view.id, data, expected_version=view.version, actor="system")
    assert updated.former_names == ("佛山市旧名科技有限公司",)
    with db.uow() as uow:
        found = svc.search(uow, svc.EnterpriseQuery(text="旧名"))
    assert [e.id for e in found] == [view.id]


def test_a_stale_edit_is_refused(db: Database) -> None:
    with db.uow() as uow:
        view = svc.add_enterprise(uow, _ent(), actor="system")
    with db.uow() as uow:
        svc.update_enterprise(
            uow, view.id, replace(svc.input_from_view(view), notes="第一次"), view.version, actor="system"
        )
    with db.uow() as uow, pytest.raises(Conflict, match="已被他人修改"):
        svc.update_enterprise(
            uow, view.id, replace(svc.input_from_view(view), notes="第二次"), view.version, actor="system"
        )


def _seed(db: Database) -> dict[str, int]:
    rows = [
        ("91440605MA4UJ2Y8N", "佛山市云擎机器人科技有限公司", "南海区", "robotics"),
        ("91440606MA4UJ2Y8N", "佛山市顺德区精锐自动化有限公司", "顺德区", "both"),
        ("91440604MA4UJ2Y8N", "佛山市星图人工智能有限公司", "禅城区", "ai"),
        ("91440607MA4UJ2Y8N", "佛山市三水陶瓷有限公司", "三水区", "other"),
    ]
    ids = {}
    with db.uow() as uow:
        for first17, name, district, fld in rows:
            ids[name] = svc.add_enterprise(
                uow,
                _ent(code=with_check_digit(first17), name=name, district=district, field=fld),
                actor="system",
            ).id
    return ids


def test_search_matches_name_code_and_district(db: Database) -> None:
    ids = _seed(db)
    with db.uow() as uow:
        assert {e.name for e in svc.search(uow, svc.EnterpriseQuery(text="机器人"))} == {
            "佛山市云擎机器人科技有限公司"
        }
        assert len(svc.search(uow, svc.EnterpriseQuery(text="顺德"))) == 1
        assert len(svc.search(uow, svc.EnterpriseQuery(text="91440607"))) == 1
        assert len(svc.search(uow, svc.EnterpriseQuery(text="ma4uj2"))) == 4
        assert svc.search(uow, svc.EnterpriseQuery(text="%")) == []
    assert len(ids) == 4


def test_field_filter_counts_both_as_ai_and_robotics(db: Database) -> None:
    _seed(db)
    with db.uow() as uow:
        ai = {e.name for e in svc.search(uow, svc.EnterpriseQuery(field=Field.AI))}
    assert ai == {"佛山市星图人工智能有限公司", "佛山市顺德区精锐自动化有限公司"}


def test_sorting_and_title_filter(db: Database) -> None:
    ids = _seed(db)
    with db.uow() as uow:
        tsvc.add_title(
            uow,
            tsvc.TitleInput(with_check_digit("91440604MA4UJ2Y8N"), "little-giant", 6, "2024-07-15"),
            actor="system",
        )
    with db.uow() as uow:
        by_district = [
            r.district
            for r in svc.rows_by_ids(
                uow, svc.search_ids(uow, svc.EnterpriseQuery(sort="district", descending=True))
            )
        ]
        with_titles = svc.search_ids(uow, svc.EnterpriseQuery(title_kind=TitleKind.LITTLE_GIANT))
        rows = svc.rows_by_ids(uow, with_titles)
    assert by_district == sorted(by_district, reverse=True)
    assert with_titles == [ids["佛山市星图人工智能有限公司"]]
    assert rows[0].titles == "小巨人(第6批)"


def test_titles_add_list_and_revoke(db: Database) -> None:
    _seed(db)
    code = with_check_digit("91440605MA4UJ2Y8N")
    with db.uow() as uow:
        lg = tsvc.add_title(
            uow,
            tsvc.TitleInput(
                code,
                "little-giant",
                "6",
                "2024/7/15",
                doc_no="工信厅企业函〔2024〕230号",
            ),
            actor="system",
        )
        sc = tsvc.add_title(
            uow,
            tsvc.TitleInput(code, "single-champion", 9, date(2025, 4, 22), product="协作机器人"),
            actor="system",
        )
    assert lg.expires_on == date(2027, 7, 15) and lg.recognized_year == 2024
    assert sc.champion_type is not None and sc.champion_type.value == "enterprise"
    with db.uow() as uow, pytest.raises(Conflict):
        tsvc.add_title(uow, tsvc.TitleInput(code, "little-giant", 6, "2024-07-15"), actor="system")
    with db.uow() as uow, pytest.raises(InputError, match="原因"):
        tsvc.revoke_title(uow, lg.id, "2025-09-30", " ", actor="system")
    with db.uow() as uow:
        revoked = tsvc.revoke_title(uow, lg.id, "2025-09-30", "复核未通过", actor="system")
    assert revoked.status is TitleStatus.REVOKED and revoked.status_on == date(2025, 9, 30)
    with db.uow() as uow:
        assert [t.id for t in tsvc.list_titles(uow, tsvc.TitleQuery(status=TitleStatus.REVOKED))] == [lg.id]
        assert len(tsvc.list_titles(uow, tsvc.TitleQuery(text="云擎"))) == 2


def test_a_title_for_an_unknown_enterprise_says_to_register_it_first(db: Database) -> None:
    with db.uow() as uow, pytest.raises(InputError, match="请先登记企业"):
        tsvc.add_title(uow, tsvc.TitleInput(CODE, "little-giant", 6, "2024-07-15"), actor="system")


def test_bad_title_fields_are_all_named(db: Database) -> None:
    _seed(db)
    code = with_check_digit("91440605MA4UJ2Y8N")
    with db.uow() as uow, pytest.raises(InputError) as info:
        tsvc.add_title(uow, tsvc.TitleInput(code, "provincial", "abc", "2024-13-45"), actor="system")
    assert set(info.value.fields) == {"kind", "batch", "recognized_on"}
