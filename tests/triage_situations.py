"""The start page's situations and the check each one starts with, for the triage tests."""

from __future__ import annotations

# The guide's situations and the check it starts with, in its own words:
#   one user    "a blank allowance will prevent that user from sending"   → Check 1
#   several     "If multiple users are unable to send SMS at the same time" → Check 3
#   one record  "block SMS from sending for that record only"           → Checks 2 and 4
#   delivery    "check your send logs" first                             → Section 2 Step 1
#   replies     "requires support to investigate"                        → Section 3
SITUATIONS: list[tuple[dict[str, str], str, list[str]]] = [
    ({"direction": "sending", "users_affected": "one"}, "s1-check1", []),
    ({"direction": "sending", "users_affected": "one", "applicants_affected": "many"},
     "s1-check1", []),
    ({"direction": "sending", "users_affected": "multiple"}, "s1-check3", []),
    ({"direction": "sending", "users_affected": "all"}, "s1-check3", []),
    ({"direction": "sending", "users_affected": "all", "applicants_affected": "many"},
     "s1-check3", []),
    ({"direction": "sending", "applicants_affected": "one"}, "s1-check2", ["s1-check4"]),
    ({"direction": "sending", "users_affected": "multiple", "applicants_affected": "one"},
     "s1-check2", ["s1-check4"]),
    ({"direction": "sending"}, "s1-check1", ["s1-check2", "s1-check3", "s1-check4"]),
    ({"direction": "delivery"}, "s2-step1", ["s2-step2", "s2-step3"]),
    ({"direction": "delivery", "users_affected": "all", "applicants_affected": "one"},
     "s2-step1", ["s2-step2", "s2-step3"]),
    ({"direction": "replies"}, "s3", []),
    ({"direction": "replies", "users_affected": "one", "applicants_affected": "many"}, "s3", []),
]  # fmt: skip
