"""Strict policy-file loader: TOML → typed frozen dataclasses (`core.policy.model`).

Every problem raises `PolicyError` naming the file, the key path and what was expected: an unknown key, a
missing key, a bad date, a bad amount (a float, more than two decimals, negative), a duplicate key. The schema
is documented at the top of `resources/policies/gd-ai-robotics-2025.toml`.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar, cast

from core.domain.enums import Field, TitleKind
from core.policy.model import (
    KIND_CITY_SCHEDULE,
    KIND_POLICY,
    MATCHING_MODES,
    ROUNDINGS,
    STACKING_MODES,
    CitySchedule,
    Dated,
    Param,
    Policy,
    PolicyError,
    PolicyHeader,
    Reference,
    TitleRule,
)

T = TypeVar("T")

SCHEMA_VERSION = 1
HEADER_KEYS = (
    "kind",
    "schema_version",
    "id",
    "title",
    "doc_no",
    "issuer",
    "issued_on",
    "valid_from",
    "valid_until",
)
POLICY_KEYS = (
    *HEADER_KEYS,
    "implementing_rules",
    "implementing_rules_title",
    "clause",
    "validity",
    "params",
    "titles",
)
CITY_KEYS = (*HEADER_KEYS, "amounts")
TITLE_KEYS = ("label", "cap", "matching_ratio", "eligible_years", "re_review_counts", "fields")
PARAM_KEYS = ("matching_mode", "stacking", "rounding")


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, expected: str) -> PolicyError:
        return PolicyError(self.file, key, expected)

    def table(self, value: object, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"应为表（table），实际为 {_kind(value)}")
        return value

    def keys(
        self, table: dict[str, Any], prefix: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        for k in table:
            if k not in allowed:
                raise self.fail(_join(prefix, k), f"未知的键；此处允许：{', '.join(allowed)}")
        for k in required:
            if k not in table:
                raise self.fail(_join(prefix, k), "缺少必填的键")

    def text(self, table: dict[str, Any], key: str, prefix: str = "", allow_empty: bool = False) -> str:
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(_join(prefix, key), f"应为文本，实际为 {_kind(value)}")
        if not allow_empty and not value.strip():
            raise self.fail(_join(prefix, key), "不能为空")
        return value.strip()

    def day(self, value: object, key: str) -> date:
        if isinstance(value, datetime):
            raise self.fail(key, f"应为日期（如 2025-03-09），不带时间，实际为 {value.isoformat()}")
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(key, f"应为日期（如 2025-03-09），实际为 {value!r}")

    def amount(self, value: object, key: str) -> Decimal:
        """An amount in yuan: text like "3000000.00" or an integer; never a float, ≤ 2 decimals, ≥ 0."""
        if isinstance(value, (bool, float)):
            raise self.fail(key, f'金额应写成文本（如 "3000000.00"）或整数，不接受小数形式的数字 {value!r}')
        if isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, str):
            try:
                amount = Decimal(value.strip())
            except InvalidOperation:
                raise self.fail(key, f'应为金额（如 "3000000.00"），实际为 {value!r}') from None
        else:
            raise self.fail(key, f'应为金额（如 "3000000.00"），实际为 {_kind(value)}')
        if not amount.is_finite():
            raise self.fail(key, f"应为金额，实际为 {value!r}")
        if amount < 0:
            raise self.fail(key, f"金额不能为负数：{value!r}")
        if amount != amount.quantize(Decimal("0.01")):
            raise self.fail(key, f"金额最多两位小数（精确到分）：{value!r}")
        return amount.quantize(Decimal("0.01"))

    def ratio(self, value: object, key: str) -> Decimal:
        if isinstance(value, (bool, float)):
            raise self.fail(key, f'比例应写成文本（如 "1"）或整数，不接受 {value!r}')
        try:
            ratio = Decimal(
                value.strip() if isinstance(value, str) else cast(int, value)
            )  # TypeError below for others
        except (InvalidOperation, TypeError):
            raise self.fail(key, f'应为比例（如 "1" 表示 1:1），实际为 {value!r}') from None
        if not ratio.is_finite() or ratio < 0:
            raise self.fail(key, f"比例应为非负数，实际为 {value!r}")
        return ratio

    def reference(self, value: object, key: str) -> Reference:
        table = self.table(value, key)
        self.keys(table, key, ("document", "clause", "quote"), ("document", "clause", "quote"))
        return Reference(
            document=self.text(table, "document", key),
            clause=self.text(table, "clause", key),
            quote=self.text(table, "quote", key, allow_empty=True),
        )

    def param(self, value: object, key: str, convert: Callable[[object, str], T]) -> Param[T]:
        """`{value = X, ref = {...}}` or `{values = [{from = DATE, value = X}, ...], ref = {...}}`."""
        table = self.table(value, key)
        self.keys(table, key, ("value", "values", "ref"), ("ref",))
        ref = self.reference(table["ref"], _join(key, "ref"))
        if ("value" in table) == ("values" in table):
            raise self.fail(key, "应有且只有一个 value（单一取值）或 values（分日期取值）")
        if "value" in table:
            return Param(key, (Dated(None, convert(table["value"], _join(key, "value"))),), ref)
        items = table["values"]
        if not isinstance(items, list) or not items:
            raise self.fail(_join(key, "values"), "应为非空列表：[{from = 2025-03-09, value = ...}, ...]")
        dated: list[Dated[T]] = []
        for i, item in enumerate(items):
            where = f"{key}.values[{i}]"
            entry = self.table(item, where)
            self.keys(entry, where, ("from", "value"), ("from", "value"))
            start = self.day(entry["from"], _join(where, "from"))
            if dated and dated[-1].start is not None and start <= dated[-1].start:
                raise self.fail(_join(where, "from"), "各取值的生效日期应按时间先后排列且互不相同")
            dated.append(Dated(start, convert(entry["value"], _join(where, "value"))))
        return Param(key, tuple(dated), ref)

    def header(self, data: dict[str, Any], sha: str, source: str) -> PolicyHeader:
        version = data["schema_version"]
        if version != SCHEMA_VERSION or isinstance(version, bool):
            raise self.fail("schema_version", f"应为 {SCHEMA_VERSION}，实际为 {version!r}")
        issued = self.day(data["issued_on"], "issued_on")
        valid_from = self.day(data["valid_from"], "valid_from")
        until = self.day(data["valid_until"], "valid_until") if "valid_until" in data else None
        if until is not None and until < valid_from:
            raise self.fail("valid_until", f"有效期截止日 {until} 早于生效日 {valid_from}")
        ident = self.text(data, "id")
        if not all(c.isalnum() or c in "-_." for c in ident):
            raise self.fail("id", f"标识只能含字母、数字和 - _ .，实际为 {ident!r}")
        return PolicyHeader(
            id=ident,
            title=self.text(data, "title"),
            doc_no=self.text(data, "doc_no"),
            issuer=self.text(data, "issuer"),
            issued_on=issued,
            valid_from=valid_from,
            valid_until=until,
            sha256=sha,
            source=source,
        )

    def check_starts(self, param: Param[Any], valid_from: date) -> None:
        first = param.values[0].start
        if first is not None and first > valid_from:
            raise self.fail(
                f"{param.key}.values[0].from", f"第一个取值应自政策生效日 {valid_from} 或更早起生效"
            )


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _kind(value: object) -> str:
    return {
        bool: "布尔值",
        int: "整数",
        float: "小数",
        str: "文本",
        list: "列表",
        dict: "表",
    }.get(type(value), type(value).__name__)


def _choice(choices: tuple[str, ...]) -> Callable[[_Reader], Callable[[object, str], str]]:
    def make(r: _Reader) -> Callable[[object, str], str]:
        def convert(value: object, key: str) -> str:
            if not isinstance(value, str) or value not in choices:
                raise r.fail(key, f"应为 {' / '.join(choices)} 之一，实际为 {value!r}")
            return value

        return convert

    return make


def _bool(r: _Reader) -> Callable[[object, str], bool]:
    def convert(value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise r.fail(key, f"应为 true 或 false，实际为 {value!r}")
        return value

    return convert


def _years(r: _Reader) -> Callable[[object, str], tuple[int, ...]]:
    def convert(value: object, key: str) -> tuple[int, ...]:
        if not isinstance(value, list) or not value:
            raise r.fail(key, f"应为非空的年份列表（如 [2024, 2025, 2026]），实际为 {value!r}")
        for y in value:
            if isinstance(y, bool) or not isinstance(y, int) or not 2000 <= y <= 2100:
                raise r.fail(key, f"年份应为 2000–2100 之间的整数，实际为 {y!r}")
        if len(set(value)) != len(value):
            raise r.fail(key, "年份重复")
        return tuple(sorted(value))

    return convert


def _fields(r: _Reader) -> Callable[[object, str], tuple[Field, ...]]:
    allowed = tuple(f.value for f in Field)

    def convert(value: object, key: str) -> tuple[Field, ...]:
        if not isinstance(value, list) or not value:
            raise r.fail(key, f"应为非空列表，取值于 {', '.join(allowed)}，实际为 {value!r}")
        out: list[Field] = []
        for item in value:
            if not isinstance(item, str) or item not in allowed:
                raise r.fail(key, f"领域应为 {' / '.join(allowed)} 之一，实际为 {item!r}")
            out.append(Field(item))
        return tuple(out)

    return convert


def _parse_toml(data: bytes, source: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(
            source, "", f"应为 UTF-8 编码的 TOML 文本（{exc.reason}，第 {exc.start} 字节）"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "", f"TOML 格式错误（含重复的键）：{exc}") from None


def file_kind(data: bytes, source: str = "<text>") -> str:
    """`provincial-matching` or `city-schedule`: which loader a file needs."""
    raw = _parse_toml(data, source)
    kind = raw.get("kind")
    if kind not in (KIND_POLICY, KIND_CITY_SCHEDULE):
        raise PolicyError(source, "kind", f"应为 {KIND_POLICY} 或 {KIND_CITY_SCHEDULE}，实际为 {kind!r}")
    return str(kind)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_policy(data: bytes, source: str = "<text>") -> Policy:
    """Read a provincial-matching policy from the file bytes (the hash is of exactly these bytes)."""
    raw = _parse_toml(data, source)
    r = _Reader(source)
    if raw.get("kind") != KIND_POLICY:
        raise r.fail("kind", f"应为 {KIND_POLICY}（省级配套政策），实际为 {raw.get('kind')!r}")
    r.keys(
        raw,
        "",
        POLICY_KEYS,
        tuple(k for k in POLICY_KEYS if k not in ("valid_until", "implementing_rules_title")),
    )
    header = r.header(raw, sha256_of(data), source)
    params = r.table(raw["params"], "params")
    r.keys(params, "params", PARAM_KEYS, PARAM_KEYS)
    matching = r.param(params["matching_mode"], "params.matching_mode", _choice(MATCHING_MODES)(r))
    stacking = r.param(params["stacking"], "params.stacking", _choice(STACKING_MODES)(r))
    rounding = r.param(params["rounding"], "params.rounding", _choice(ROUNDINGS)(r))
    titles_raw = r.table(raw["titles"], "titles")
    kinds = tuple(k.value for k in TitleKind)
    if not titles_raw:
        raise r.fail("titles", f"至少应列出一个称号类别：{', '.join(kinds)}")
    rules: list[TitleRule] = []
    for name, value in titles_raw.items():
        prefix = f"titles.{name}"
        if name not in kinds:
            raise r.fail(prefix, f"未知的称号类别；此处允许：{', '.join(kinds)}")
        t = r.table(value, prefix)
        r.keys(t, prefix, TITLE_KEYS, TITLE_KEYS)
        rules.append(
            TitleRule(
                kind=TitleKind(name),
                label=r.text(t, "label", prefix),
                cap=r.param(t["cap"], f"{prefix}.cap", r.amount),
                matching_ratio=r.param(t["matching_ratio"], f"{prefix}.matching_ratio", r.ratio),
                eligible_years=r.param(t["eligible_years"], f"{prefix}.eligible_years", _years(r)),
                re_review_counts=r.param(t["re_review_counts"], f"{prefix}.re_review_counts", _bool(r)),
                fields=r.param(t["fields"], f"{prefix}.fields", _fields(r)),
            )
        )
    policy = Policy(
        header=header,
        implementing_rules=r.text(raw, "implementing_rules"),
        implementing_rules_title=r.text(raw, "implementing_rules_title")
        if "implementing_rules_title" in raw
        else "",
        clause=r.reference(raw["clause"], "clause"),
        validity=r.reference(raw["validity"], "validity"),
        matching_mode=matching,
        stacking=stacking,
        rounding=rounding,
        titles=tuple(rules),
    )
    for param in (matching, stacking, rounding):
        r.check_starts(param, header.valid_from)
    for rule in rules:
        for p in (rule.cap, rule.matching_ratio, rule.eligible_years, rule.re_review_counts, rule.fields):
            r.check_starts(p, header.valid_from)
    return policy


def parse_city_schedule(data: bytes, source: str = "<text>") -> CitySchedule:
    raw = _parse_toml(data, source)
    r = _Reader(source)
    if raw.get("kind") != KIND_CITY_SCHEDULE:
        raise r.fail("kind", f"应为 {KIND_CITY_SCHEDULE}（市级奖励标准），实际为 {raw.get('kind')!r}")
    r.keys(raw, "", CITY_KEYS, tuple(k for k in CITY_KEYS if k != "valid_until"))
    header = r.header(raw, sha256_of(data), source)
    amounts_raw = r.table(raw["amounts"], "amounts")
    kinds = tuple(k.value for k in TitleKind)
    amounts: list[tuple[TitleKind, Param[Decimal]]] = []
    for name, value in amounts_raw.items():
        if name not in kinds:
            raise r.fail(f"amounts.{name}", f"未知的称号类别；此处允许：{', '.join(kinds)}")
        param = r.param(value, f"amounts.{name}", r.amount)
        r.check_starts(param, header.valid_from)
        amounts.append((TitleKind(name), param))
    return CitySchedule(header=header, amounts=tuple(amounts))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PolicyError(str(path), "", f"无法读取文件：{exc.strerror or exc}") from None


def load_policy(path: Path) -> Policy:
    return parse_policy(_read(path), path.name)


def load_city_schedule(path: Path) -> CitySchedule:
    return parse_city_schedule(_read(path), path.name)
