"""core.cli.common.print_json: indented for a terminal, compact for a pipe or a file."""

from __future__ import annotations

import io
import json

from core.cli.common import print_json

PAYLOAD = {"name": "佛山市某某机器人有限公司", "ids": [1, 2], "amount": "1000.00"}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_indented_json() -> None:
    out = _Tty()
    print_json(PAYLOAD, out)
    assert out.getvalue() == json.dumps(PAYLOAD, ensure_ascii=False, indent=2) + "\n"


def test_a_pipe_gets_compact_json() -> None:
    out = io.StringIO()
    print_json(PAYLOAD, out)
    assert out.getvalue() == '{"name":"佛山市某某机器人有限公司","ids":[1,2],"amount":"1000.00"}\n'
    assert json.loads(out.getvalue()) == PAYLOAD
