"""The image and CI install exactly what requirements.lock pins, within pyproject's ranges."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def pins(lock):
    """{name: [(version, marker, hashes)]} from a uv/pip-tools lock file."""
    found, current = {}, None
    for line in (ROOT / lock).read_text().splitlines():
        if match := PIN.match(line):
            name, version, marker = match.groups()
            current = [version, marker, 0]
            found.setdefault(canonicalize_name(name), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2] += 1
    return found


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", ["main"]), ("requirements-dev.lock", ["main", "dev"])],
)
def test_every_dependency_is_pinned_with_hashes_within_its_range(lock, groups):
    project = pyproject()
    wanted = {
        "main": project["dependencies"],
        "dev": project["optional-dependencies"]["dev"],
    }
    locked = pins(lock)
    assert locked, lock
    for group in groups:
        for line in wanted[group]:
            requirement = Requirement(line)
            name = canonicalize_name(requirement.name)
            assert name in locked, f"{name} is in pyproject.toml but not in {lock}: make lock"
            for version, _marker, _hashes in locked[name]:
                assert requirement.specifier.contains(version, prereleases=True), (
                    f"{lock} pins {name}=={version}, outside {requirement.specifier}: make lock"
                )
    unhashed = [name for name, entries in locked.items() if any(e[2] == 0 for e in entries)]
    assert unhashed == []
