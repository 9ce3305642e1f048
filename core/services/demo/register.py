"""The demo register, generated: 佛山 enterprises with valid credit codes (`make_code`), names, districts and
fields, and their national titles (`DemoTitle`, the 专精特新小巨人 and 单项冠军 batches); deterministic for a seed
(`generate`), with a few showcase records every page needs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from core.domain import uscc
from core.domain.enums import ChampionType, Field, RegStatus, TitleKind, TitleStatus
from core.services.enterprises import EnterpriseInput

CITY = "佛山市"
DISTRICTS = {
    "禅城区": "440604",
    "南海区": "440605",
    "顺德区": "440606",
    "三水区": "440607",
    "高明区": "440608",
}
TOWNS = {
    "禅城区": ["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
    "南海区": ["桂城街道", "狮山镇", "大沥镇", "里水镇", "西樵镇"],
    "顺德区": ["大良街道", "容桂街道", "北滘镇", "陈村镇", "乐从镇"],
    "三水区": ["西南街道", "云东海街道", "乐平镇", "白坭镇"],
    "高明区": ["荷城街道", "杨和镇", "明城镇"],
}
_WORDS = [
    "云擎",
    "灵动",
    "精锐",
    "天工",
    "星图",
    "海燕",
    "明曜",
    "睿德",
    "智谷",
    "凌云",
    "博纳",
    "嘉腾",
    "隆深",
    "利迅达",
    "华数",
    "库卡",
    "优必选",
    "拓斯达",
    "科达",
    "美的",
    "万和",
    "伊之密",
    "海天",
    "坚美",
    "格兰仕",
    "联塑",
    "新明珠",
    "东鹏",
    "蒙娜丽莎",
    "高力",
    "顺威",
    "惠而浦",
    "德尔玛",
    "小熊",
    "志高",
    "华特",
    "南方",
    "鑫淼",
    "堃元",
    "珺瑶",
    "彧航",
    "喆思",
    "犇腾",
    "骏驰",
    "泰格",
    "鸿图",
    "宏宇",
    "盈峰",
    "碧桂",
    "汇川",
    "埃夫特",
    "新松",
    "图灵",
    "深瞳",
    "思岚",
    "极智",
    "锐影",
    "智擎",
    "行健",
    "致远",
    "恒力",
    "德昌",
    "安川",
    "纳博",
    "创想",
    "启明",
]
_TRADES = {
    Field.AI: ["人工智能科技", "智能算法", "机器视觉", "智能语音", "数据智能", "智能软件"],
    Field.ROBOTICS: ["机器人", "自动化装备", "智能装备", "协作机器人", "无人机", "减速器", "伺服电机"],
    Field.BOTH: ["智能机器人", "具身智能", "智能制造"],
    Field.OTHER: ["陶瓷", "家电", "五金制品", "铝型材", "纺织", "家具", "精密模具"],
}
_SUFFIXES = ["有限公司", "有限公司", "有限公司", "股份有限公司", "（集团）有限公司"]
_SURNAMES = "陈李张黄梁何吴刘林郑罗冯邓潘谭"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class DemoTitle:
    kind: TitleKind
    batch: int
    recognized_on: date
    re_review: bool
    status: TitleStatus
    champion_type: ChampionType | None = None
    product: str = ""
    doc_no: str = ""
    status_on: date | None = None
    status_reason: str = ""


LITTLE_GIANT_BATCHES = {4: date(2022, 8, 2), 5: date(2023, 7, 14), 6: date(2024, 7, 15), 7: date(2025, 7, 18)}
CHAMPION_BATCHES = {7: date(2022, 11, 30), 8: date(2024, 3, 28), 9: date(2025, 4, 22)}
LG_DOC = {
    4: "工信厅企业函〔2022〕191号",
    5: "工信厅企业函〔2023〕166号",
    6: "工信厅企业函〔2024〕230号",
    7: "工信厅企业函〔2025〕165号",
}
SC_DOC = {7: "工信部联政法函〔2022〕312号", 8: "工信部政法函〔2024〕81号", 9: "工信部政法函〔2025〕106号"}


def _org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def make_code(rng: random.Random, region: str) -> str:
    return uscc.with_check_digit("91" + region + _org_code(rng))


def generate(count: int = 200, seed: int = 2025) -> list[tuple[EnterpriseInput, list[DemoTitle]]]:
    rng = random.Random(seed)
    out: list[tuple[EnterpriseInput, list[DemoTitle]]] = []
    used_names: set[str] = set()
    used_codes: set[str] = set()
    field_weights = [(Field.AI, 3), (Field.ROBOTICS, 4), (Field.BOTH, 1), (Field.OTHER, 3)]
    for i in range(count):
        district = rng.choice(list(DISTRICTS))
        fld = rng.choices([f for f, _ in field_weights], [w for _, w in field_weights])[0]
        while True:
            word = rng.choice(_WORDS) + (rng.choice(_WORDS)[:1] if i >= len(_WORDS) * 3 else "")
            prefix = CITY if rng.random() < 0.7 else f"{CITY}{district}"
            name = f"{prefix}{word}{rng.choice(_TRADES[fld])}{rng.choice(_SUFFIXES)}"
            if count > 5000:
                name = name.replace("有限公司", f"{i}号有限公司", 1) if name in used_names else name
            if name not in used_names:
                used_names.add(name)
                break
        code = make_code(rng, DISTRICTS[district])
        while code in used_codes:
            code = make_code(rng, DISTRICTS[district])
        used_codes.add(code)
        person = (
            rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.5 else "")
        )
        reason = {
            Field.AI: "主营产品为人工智能算法与软件",
            Field.ROBOTICS: "主营工业/服务机器人及核心部件",
            Field.BOTH: "主营智能机器人整机及其人工智能系统",
            Field.OTHER: "",
        }[fld]
        former = (f"{CITY}{word}实业有限公司",) if rng.random() < 0.08 else ()
        ent = EnterpriseInput(
            code=code,
            name=name,
            district=district,
            field=fld.value,
            field_reason=reason,
            former_names=former,
            address=f"{CITY}{district}{rng.choice(TOWNS[district])}{rng.choice('一二三四五六七八')}路{rng.randint(1, 199)}号",
            legal_rep=rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN),
            contact_person=person,
            contact_phone=f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
            reg_status=RegStatus.DEREGISTERED.value if rng.random() < 0.02 else RegStatus.ACTIVE.value,
        )
        out.append((ent, _titles_for(rng, fld)))
    _ensure_showcase(out)
    return out


def _titles_for(rng: random.Random, fld: Field) -> list[DemoTitle]:
    titles: list[DemoTitle] = []
    share = 0.55 if fld is not Field.OTHER else 0.25
    if rng.random() < share:
        batch = rng.choice(list(LITTLE_GIANT_BATCHES))
        on = LITTLE_GIANT_BATCHES[batch]
        titles.append(
            DemoTitle(TitleKind.LITTLE_GIANT, batch, on, False, TitleStatus.VALID, doc_no=LG_DOC[batch])
        )
        if batch == 4 and rng.random() < 0.6:  # three years on: the re-review of 2025
            titles.append(
                DemoTitle(
                    TitleKind.LITTLE_GIANT,
                    7,
                    LITTLE_GIANT_BATCHES[7],
                    True,
                    TitleStatus.VALID,
                    doc_no=LG_DOC[7],
                )
            )
    if rng.random() < share / 6:
        batch = rng.choice(list(CHAMPION_BATCHES))
        on = CHAMPION_BATCHES[batch]
        ctype = (
            ChampionType.ENTERPRISE
            if on.year >= 2023
            else rng.choice([ChampionType.DEMO_ENTERPRISE, ChampionType.PRODUCT])
        )
        product = rng.choice(
            ["六轴工业机器人", "谐波减速器", "伺服驱动器", "机器视觉检测系统", "智能压铸单元"]
        )
        titles.append(
            DemoTitle(
                TitleKind.SINGLE_CHAMPION, batch, on, False, TitleStatus.VALID, ctype, product, SC_DOC[batch]
            )
        )
    return titles


def _ensure_showcase(rows: list[tuple[EnterpriseInput, list[DemoTitle]]]) -> None:
    """Make sure the demo shows a revoked title and an enterprise holding both kinds."""
    for ent, titles in rows:
        if (
            ent.field != Field.OTHER.value
            and titles
            and titles[0].kind is TitleKind.LITTLE_GIANT
            and titles[0].batch == 5
        ):
            t = titles[0]
            titles[0] = DemoTitle(
                t.kind,
                t.batch,
                t.recognized_on,
                False,
                TitleStatus.REVOKED,
                doc_no=t.doc_no,
                status_on=date(2025, 9, 30),
                status_reason="发现存在重大安全生产事故，撤销称号",
            )
            break
    for ent, titles in rows:
        if (
            ent.field == Field.ROBOTICS.value
            and len(titles) == 1
            and titles[0].kind is TitleKind.LITTLE_GIANT
            and titles[0].batch == 6
        ):
            titles.append(
                DemoTitle(
                    TitleKind.SINGLE_CHAMPION,
                    9,
                    CHAMPION_BATCHES[9],
                    False,
                    TitleStatus.VALID,
                    ChampionType.ENTERPRISE,
                    "协作机器人",
                    SC_DOC[9],
                )
            )
            break
