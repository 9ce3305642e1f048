"""A realistic demo for a newcomer (and the data behind benchmarks): 佛山市 enterprises and titles, and reward
cases at every step of the process with their payments and a budget per year, so that every page has life.

Deterministic for a given seed. Credit codes are valid: region codes of 佛山's districts, an organisation code
with its GB 11714 check character, and the GB 32100 check character.

The register (enterprises, titles) is bulk-inserted (100,000 enterprises take seconds) with one audit entry
per record under the actor `demo`. The cases are made through the real services, as real officers would make
them: created and submitted by a clerk, reviewed and put on public notice by a reviewer, decided and closed by
an approver, funds issued and paid by a clerk, evaluated by the reviewer; so separation of duties holds and the
audit chain verifies. The dates stated in the steps (notice, decision, payments…) are spread over the months
before `today` (kept within the policy's validity and the years the holiday calendar knows); the audit trail
and the case events carry the real time the demo was made.

The demo's officers (`DEMO_OFFICERS`: two clerks, a reviewer, an approver, each named `demo_…`) are accounts
WITHOUT a password (`users.add_without_password`): nobody can sign in as them. None is an administrator, so a
demo database still asks for its first administrator at first start; that administrator may then set a
password for a demo officer in 设置 → 用户 to act on the demo cases in their role.

Only an empty database (no enterprise, case or officer) takes the demo; any other is refused, nothing written.
"""

from __future__ import annotations

from core.services.demo.cases import (
    APPROVER,
    CLERK,
    CLERK2,
    DEMO_OFFICERS,
    NOTICE_PERIOD,
    PLAN,
    REVIEWER,
    anchor,
)
from core.services.demo.load import DemoReport, load
from core.services.demo.register import (
    CHAMPION_BATCHES,
    CITY,
    DISTRICTS,
    LITTLE_GIANT_BATCHES,
    DemoTitle,
    generate,
    make_code,
)

__all__ = [
    "APPROVER",
    "CHAMPION_BATCHES",
    "CITY",
    "CLERK",
    "CLERK2",
    "DEMO_OFFICERS",
    "DISTRICTS",
    "LITTLE_GIANT_BATCHES",
    "NOTICE_PERIOD",
    "PLAN",
    "REVIEWER",
    "DemoReport",
    "DemoTitle",
    "anchor",
    "generate",
    "load",
    "make_code",
]
