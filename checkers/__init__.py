"""Checks behind the SMS troubleshooting site.

Phone numbers, SMS allowances, message text (encoding and parts), escalation reports and
bulk audits of exported contacts.
Pure Python: the same code runs in CPython and in Pyodide (see `handle` for the worker).
"""

from __future__ import annotations

from checkers._internal.allowances import AllowanceReport, AllowanceRow, check_allowances
from checkers._internal.api import MAX_CSV_BYTES, PROBLEM_LABELS, handle
from checkers._internal.audit import (
    FIXED_COLUMNS,
    Audit,
    AuditError,
    AuditRow,
    AuditSummary,
    audit_csv,
    fixed_csv_header,
    fixed_csv_line,
)
from checkers._internal.dates import DateReading, read_date
from checkers._internal.encoding import BinaryFileError, decode_csv_bytes, detect_encoding
from checkers._internal.message import MessageCheck, MessagePart, NonGsmCharacter, check_message
from checkers._internal.message_words import MESSAGE_VERDICT_CODES
from checkers._internal.numbers import NumberCheck, check_number, supported_regions
from checkers._internal.problems import PROBLEM_SEVERITY, Problem
from checkers._internal.reports import PhoneEntry, Report, ReportField, build_report
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

__all__ = [
    "FIELD_TYPES",
    "FIXED_COLUMNS",
    "MAX_CSV_BYTES",
    "MESSAGE_VERDICT_CODES",
    "PROBLEM_LABELS",
    "PROBLEM_SEVERITY",
    "AllowanceReport",
    "AllowanceRow",
    "Audit",
    "AuditError",
    "AuditRow",
    "AuditSummary",
    "BinaryFileError",
    "Channel",
    "DateReading",
    "Field",
    "Kind",
    "MessageCheck",
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
    "all_verdict_codes",
    "audit_csv",
    "build_report",
    "check_allowances",
    "check_message",
    "check_number",
    "decode_csv_bytes",
    "detect_encoding",
    "fixed_csv_header",
    "fixed_csv_line",
    "handle",
    "load_spec",
    "parse_spec",
    "read_date",
    "supported_regions",
]
