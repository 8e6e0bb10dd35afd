"""Region names: CLDR's English names (generated from Babel), one for every region."""

from __future__ import annotations

import subprocess
import sys

import phonenumbers

from checkers import region_label, region_name, regions_by_name
from tests.sitebuild import ROOT


def test_the_names_file_is_what_babel_and_phonenumbers_give() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "region-names"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, "checkers/data/region_names.json is stale: run `make regions`"


def test_every_region_has_a_name_and_a_label() -> None:
    assert set(regions_by_name()) == phonenumbers.SUPPORTED_REGIONS
    assert region_label("GB") == "United Kingdom (+44)"
    assert region_label("IE") == "Ireland (+353)"
    assert region_name("FR") == "France"
    assert region_name("ZZ") == "ZZ"


def test_regions_are_sorted_by_name() -> None:
    names = [region_name(code).casefold() for code in regions_by_name()]
    assert names == sorted(names)
    assert regions_by_name()[0] == "AF"  # Afghanistan
