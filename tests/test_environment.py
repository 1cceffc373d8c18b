"""environment.yml (conda) declares the same packages, at the same versions, as pyproject.toml + constraints."""
import re
import tomllib

import yaml

from tests.conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _conda() -> dict[str, str]:
    """Packages of environment.yml, conda ones (name=version) and pip ones (name==version)."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    packages = {}
    for entry in env["dependencies"]:
        if isinstance(entry, str) and not entry.startswith(("python", "pip")):
            name, _, version = entry.partition("=")
            packages[_name(name)] = version
        elif isinstance(entry, dict):
            for requirement in entry.get("pip", []):
                if "==" in requirement:
                    name, version = requirement.split("==")
                    packages[_name(name)] = version
    return packages


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = _pyproject()["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    assert set(_conda()) == {_name(r) for r in declared}


def test_environment_yml_pins_the_versions_make_installs():
    pins = _pins()
    for name, version in _conda().items():
        assert version == pins[name], f"environment.yml has {name}={version}, constraints.txt {pins[name]}"


def test_every_declared_package_is_pinned():
    project = _pyproject()["project"]
    declared = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    assert declared <= set(_pins())


def test_environment_yml_requires_the_same_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python>=3.11" in env["dependencies"]
    assert _pyproject()["project"]["requires-python"] == ">=3.11"
