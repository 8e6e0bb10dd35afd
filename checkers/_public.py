"""checkers' public API: every name the package exports, as ``checkers.<name>``.

checkers/__init__.py imports this module the first time one of these names is used (PEP
562), not when the package is imported: the browser's worker imports ``checkers.worker``
alone, and its ops import what each needs, so Python's start (and the reader's first
answer) does not wait for the modules of the checks nobody has asked for yet.
"""

from __future__ import annotations

from checkers._internal.allowances import (
    ALLOWANCE_FIX,
    ALLOWANCE_FIX_UI,
    UI_PATH_SEPARATOR,
    AllowanceError,
    AllowanceReport,
    AllowanceRow,
    check_allowances,
)
from checkers._internal.api import handle
from checkers._internal.audit import (
    FIXED_COLUMNS,
    Audit,
    AuditError,
    AuditFile,
    AuditRow,
    AuditSummary,
    FixedCsv,
    audit_csv,
    audit_file,
    checked_file_name,
)
from checkers._internal.cells import looks_like_formula, plain_cell
from checkers._internal.columns import ColumnsFound, read_columns
from checkers._internal.dates import DateReading, read_date
from checkers._internal.encoding import BinaryFileError, decode_csv_bytes, detect_encoding
from checkers._internal.gsm7 import CAPACITY as PART_CAPACITY
from checkers._internal.gsm7 import EXTENSION as GSM7_EXTENSION
from checkers._internal.limits import (
    MAX_ANSWER_CHARACTERS,
    MAX_CSV_BYTES,
    MAX_CSV_COLUMNS,
    MAX_MESSAGE_CHARACTERS,
    MAX_SHOWN_ROWS,
    MAX_TABLE_CHARACTERS,
    megabytes,
)
from checkers._internal.message import MessageCheck, MessagePart, NonGsmCharacter, check_message
from checkers._internal.message_page import MessageError
from checkers._internal.message_words import MESSAGE_VERDICT_CODES
from checkers._internal.numbers import NumberCheck, check_number, supported_regions
from checkers._internal.problems import PROBLEM_KINDS, PROBLEM_SEVERITY, Problem
from checkers._internal.regions import region_label, region_name, regions_by_name
from checkers._internal.reports import (
    KEEP_NUMBERS,
    NOT_PROVIDED,
    PhoneEntry,
    Report,
    ReportField,
    UnsendableNumber,
    build_report,
)
from checkers._internal.spec import (
    FIELD_TYPES,
    Channel,
    Field,
    Kind,
    Option,
    Spec,
    SpecError,
    Step,
    load_spec,
    parse_spec,
)
from checkers._internal.verdicts import all_verdict_codes
from checkers._internal.zones import Zone

__all__ = [
    "ALLOWANCE_FIX",
    "ALLOWANCE_FIX_UI",
    "FIELD_TYPES",
    "FIXED_COLUMNS",
    "GSM7_EXTENSION",
    "KEEP_NUMBERS",
    "MAX_ANSWER_CHARACTERS",
    "MAX_CSV_BYTES",
    "MAX_CSV_COLUMNS",
    "MAX_MESSAGE_CHARACTERS",
    "MAX_SHOWN_ROWS",
    "MAX_TABLE_CHARACTERS",
    "MESSAGE_VERDICT_CODES",
    "NOT_PROVIDED",
    "PART_CAPACITY",
    "PROBLEM_KINDS",
    "PROBLEM_SEVERITY",
    "UI_PATH_SEPARATOR",
    "AllowanceError",
    "AllowanceReport",
    "AllowanceRow",
    "Audit",
    "AuditError",
    "AuditFile",
    "AuditRow",
    "AuditSummary",
    "BinaryFileError",
    "Channel",
    "ColumnsFound",
    "DateReading",
    "Field",
    "FixedCsv",
    "Kind",
    "MessageCheck",
    "MessageError",
    "MessagePart",
    "NonGsmCharacter",
    "NumberCheck",
    "Option",
    "PhoneEntry",
    "Problem",
    "Report",
    "ReportField",
    "Spec",
    "SpecError",
    "Step",
    "UnsendableNumber",
    "Zone",
    "all_verdict_codes",
    "audit_csv",
    "audit_file",
    "build_report",
    "check_allowances",
    "check_message",
    "check_number",
    "checked_file_name",
    "decode_csv_bytes",
    "detect_encoding",
    "handle",
    "load_spec",
    "looks_like_formula",
    "megabytes",
    "parse_spec",
    "plain_cell",
    "read_columns",
    "read_date",
    "region_label",
    "region_name",
    "regions_by_name",
    "supported_regions",
]
