"""The register's columns an import writes: an enterprise's stored fields (and those shown as changes in a
preview), a national title's; and how many values go in one IN list.
"""

from __future__ import annotations

# The stored columns an enterprise import writes (search_text and name_norm follow from them).
ENTERPRISE_STORED = (
    "code",
    "code_override_reason",
    "name",
    "name_norm",
    "former_names",
    "district",
    "address",
    "legal_rep",
    "contact_person",
    "contact_phone",
    "field",
    "field_reason",
    "reg_status",
    "notes",
    "search_text",
)
ENTERPRISE_SHOWN = tuple(f for f in ENTERPRISE_STORED if f not in ("name_norm", "search_text"))
TITLE_STORED = (
    "enterprise_id",
    "kind",
    "champion_type",
    "product",
    "batch",
    "recognized_on",
    "recognized_year",
    "doc_no",
    "re_review",
    "status",
    "source",
    "expires_on",
)
IN_CHUNK = 500  # bound values per IN list, rows between progress reports
