"""`reward compute|check-policy`: the headless reward contract. Needs no database.

    main.py reward compute --input FILE.json [--policy FILE] --json

Input and output shapes are those of issue 3 (see `core.policy.engine.parse_reward_input` and
`RewardResult.to_json`). Bad input exits 2 with a message naming the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.cli.common import EXIT_BAD_INPUT, EXIT_OK, Context, add_json_flag
from core.policy.engine import RewardInputError, compute, parse_reward_input
from core.policy.loader import file_kind, load_city_schedule, load_policy
from core.policy.model import KIND_POLICY, Policy, PolicyError
from core.policy.registry import DEFAULT_POLICY_ID, find_policy


def register(sub: Any) -> None:
    p = sub.add_parser("reward", help="奖励计算：按政策文件计算省级配套（无需数据库）")
    cmds = p.add_subparsers(dest="action", metavar="<action>", required=True)

    comp = cmds.add_parser("compute", help="按输入文件计算资格、市级奖励、省级配套与计算依据")
    comp.add_argument("--input", required=True, metavar="FILE.json", help="输入 JSON 文件（- 表示标准输入）")
    comp.add_argument("--policy", metavar="FILE", help="改用此政策文件（默认按输入中的 policy 标识查找）")
    add_json_flag(comp)
    comp.set_defaults(handler=compute_cmd)

    chk = cmds.add_parser("check-policy", help="检查一个政策文件或市级奖励标准文件是否有效")
    chk.add_argument("file", metavar="FILE")
    add_json_flag(chk)
    chk.set_defaults(handler=check_policy_cmd)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise RewardInputError(key, "该项在输入中重复出现")
        out[key] = value
    return out


def read_input(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise RewardInputError(
            "input", f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）"
        ) from None


def compute_payload(data: Any, policy_file: Path | None = None) -> dict[str, Any]:
    """The output object for an input object (what `reward compute --json` prints). Raises RewardInputError
    or PolicyError."""
    inp = parse_reward_input(data)
    policy: Policy
    if policy_file is not None:
        policy = load_policy(policy_file)
        if inp.policy_id is not None and inp.policy_id != policy.id:
            raise RewardInputError(
                "policy", f"输入指定政策 {inp.policy_id}，但 --policy 文件的标识为 {policy.id}"
            )
    else:
        try:
            policy = find_policy(inp.policy_id or DEFAULT_POLICY_ID)
        except PolicyError as exc:
            raise RewardInputError("policy", str(exc)) from None
    return compute(policy, inp).to_json()


def compute_cmd(ctx: Context) -> int:
    a = ctx.args
    try:
        if a.input == "-":
            import sys

            text = sys.stdin.read()
        else:
            text = Path(a.input).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ctx.fail(EXIT_BAD_INPUT, f"无法读取输入文件 {a.input}：{exc}", {"field": "input"})
    try:
        payload = compute_payload(read_input(text), Path(a.policy) if a.policy else None)
    except RewardInputError as exc:
        return ctx.fail(EXIT_BAD_INPUT, f"输入有误：{exc}", {"field": exc.field})
    except PolicyError as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"field": "policy", "key": exc.key})
    ctx.emit(payload, lambda: _text(payload))
    return EXIT_OK


def _text(payload: dict[str, Any]) -> str:
    lines = [
        f"{'符合' if payload['eligible'] else '不符合'}奖励条件",
        *(f"  ✗ [{f['rule']}] {f['reason']}" for f in payload["failures"]),
        f"市级奖励 {payload['city_reward']}  省级配套 {payload['province_match']}  合计 {payload['total']}"
        f"  （奖励总额度 {payload['cap']}）",
        "计算依据：",
        *(
            f"  {i}. {t['step']} → {t['value']}  〔{t['reference']}〕"
            for i, t in enumerate(payload["trace"], 1)
        ),
        f"政策 {payload['policy']['id']}  sha256 {payload['policy']['sha256']}",
    ]
    return "\n".join(lines)


def check_policy_cmd(ctx: Context) -> int:
    path = Path(ctx.args.file)
    try:
        kind = file_kind(path.read_bytes(), path.name)
        item = load_policy(path) if kind == KIND_POLICY else load_city_schedule(path)
    except OSError as exc:
        return ctx.fail(EXIT_BAD_INPUT, f"无法读取 {path}：{exc.strerror or exc}")
    except PolicyError as exc:
        return ctx.fail(EXIT_BAD_INPUT, str(exc), {"key": exc.key})
    payload = {"ok": True, "kind": kind, "id": item.id, "sha256": item.sha256, "title": item.header.title}
    ctx.emit(payload, f"有效：{item.header.title}（{item.id}，sha256 {item.sha256[:12]}…）")
    return EXIT_OK
