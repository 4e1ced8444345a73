"""The deployment files, checked without Docker or a cluster: the image copies every package, the
compose file and the Kubernetes manifests parse, and they name only commands of ``yuqing`` and
settings keys the services' structs know."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from core.settings import SERVICE_TABLES, SHARED_TABLES, _parse_env_value, load
from yuqing.cli import build_parser
from yuqing.commands import SERVICE_SETTINGS, StackSettings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
IMAGE = "yuqing"
SECRET = "yuqing-secrets"


def _installed_packages() -> set[str]:
    """Top-level packages that pyproject.toml's package discovery installs."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["packages"]["find"]["include"]
    tops = {p.split(".")[0].rstrip("*") for p in patterns}
    found = {d.name for d in REPO.iterdir() if d.is_dir() and (d / "__init__.py").is_file() and d.name in tops}
    missing = tops - found
    assert not missing, f"pyproject.toml includes packages that do not exist: {sorted(missing)}"
    return found


def test_the_image_copies_every_installed_package() -> None:
    copied = set()
    for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"COPY\s+(\S+)\s+(\S+)\s*$", line.strip())
        if match and match.group(1).rstrip("/") == match.group(2).rstrip("/"):
            copied.add(match.group(1).rstrip("/"))
    missing = _installed_packages() - copied
    assert not missing, f"deploy/Dockerfile does not copy {sorted(missing)}: every yuqing command would fail"


# --- what a yuqing container may be told ---------------------------------------------------------

def _assert_command(argv: list[str], where: str) -> None:
    parser = build_parser()
    try:
        args = parser.parse_args([str(a) for a in argv])
    except SystemExit as exc:
        raise AssertionError(f"{where}: `yuqing {' '.join(map(str, argv))}` is not a yuqing command") from exc
    assert callable(getattr(args, "func", None)), where


def _struct_fields(table: str) -> set[str]:
    if table in SHARED_TABLES:
        cls: Any = StackSettings.__struct_fields__ and msgspec.structs.fields(StackSettings)
        kind = next(f.type for f in cls if f.name == table)
        return set(kind.__struct_fields__)
    module_name, _, cls_name = SERVICE_SETTINGS[table].partition(":")
    return set(getattr(importlib.import_module(module_name), cls_name).__struct_fields__)


def _assert_env(name: str, value: object, where: str) -> None:
    if not name.startswith("YUQING__"):
        return
    parts = name[len("YUQING__"):].lower().split("__")
    assert len(parts) == 2, f"{where}: {name} is not YUQING__<TABLE>__<KEY>"
    table, key = parts
    assert table in SHARED_TABLES + SERVICE_TABLES, f"{where}: {name}: no settings table [{table}]"
    assert key in _struct_fields(table), f"{where}: {name}: [{table}] has no key {key!r}"
    if isinstance(value, str) and "$" not in value:
        assert isinstance(_parse_env_value(value), str | int | float | bool | dict | list), f"{where}: {name}"


def test_the_settings_file_loads_strictly_for_every_service() -> None:
    path = DEPLOY / "yuqing.toml"
    load(StackSettings, None, path, environ={})
    for table in SERVICE_TABLES:
        module_name, _, cls_name = SERVICE_SETTINGS[table].partition(":")
        load(getattr(importlib.import_module(module_name), cls_name), table, path, environ={})


# --- compose ----------------------------------------------------------------------------------------

def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _env(service: dict[str, Any]) -> dict[str, Any]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def test_compose_runs_a_three_broker_kraft_cluster_with_its_logs_on_volumes() -> None:
    compose = _compose()
    services = compose["services"]
    brokers = {name: s for name, s in services.items() if str(s.get("image", "")).startswith("apache/kafka")}
    assert len(brokers) == 3
    ids = set()
    for name, broker in brokers.items():
        env = _env(broker)
        ids.add(int(env["KAFKA_NODE_ID"]))
        assert len(str(env["KAFKA_CONTROLLER_QUORUM_VOTERS"]).split(",")) == 3
        assert int(env["KAFKA_DEFAULT_REPLICATION_FACTOR"]) == 3
        assert int(env["KAFKA_MIN_INSYNC_REPLICAS"]) == 2
        assert int(env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == 3
        assert str(env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]).lower() == "false"
        mounts = {v.split(":")[1]: v.split(":")[0] for v in broker["volumes"]}
        assert env["KAFKA_LOG_DIRS"] in mounts, f"{name}: KAFKA_LOG_DIRS is not on a volume"
        assert mounts[env["KAFKA_LOG_DIRS"]] in compose["volumes"], f"{name}: log dirs not on a named volume"
        assert broker.get("healthcheck", {}).get("test")
        assert broker["deploy"]["resources"]["limits"]
    assert ids == {1, 2, 3}
    assert len({tuple(b["volumes"]) for b in brokers.values()}) == 3, "each broker needs its own volume"


def test_compose_stages_use_existing_commands_settings_and_have_limits() -> None:
    compose = _compose()
    services = compose["services"]
    assert "postgres" in services and services["postgres"]["healthcheck"]["test"]
    stages = {name: s for name, s in services.items() if s.get("image") == "yuqing:latest" or "build" in s}
    assert {"migrate", "collectors", "classifier", "router", "console", "dead-letters"} <= set(stages)
    assert stages["migrate"]["command"] == ["migrate"] and stages["migrate"]["restart"] == "no"
    for name, service in stages.items():
        _assert_command(service["command"], f"compose {name}")
        for key, value in _env(service).items():
            _assert_env(key, value, f"compose {name}")
        assert service["deploy"]["resources"]["limits"], name
        if name == "migrate":
            continue
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
        test = service["healthcheck"]["test"]
        assert test[0] == "CMD" and test[1] == IMAGE, name
        _assert_command(test[2:], f"compose {name} healthcheck")
    for name in ("collectors", "classifier", "router"):
        assert stages[name]["deploy"]["replicas"] >= 2, f"{name} should run several replicas"
    # The registry is one folder every classifier replica and the console share.
    assert any(v.endswith(":/var/lib/yuqing/models") for v in stages["classifier"]["volumes"])
    assert any(v.endswith(":/var/lib/yuqing/models") for v in stages["console"]["volumes"])


# --- Kubernetes (kustomize) -------------------------------------------------------------------------

def _kustomization() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "kustomization.yaml").read_text(encoding="utf-8"))


def _manifests() -> Iterator[tuple[str, dict[str, Any]]]:
    for resource in _kustomization()["resources"]:
        path = DEPLOY / resource
        assert path.is_file(), f"kustomization.yaml names {resource}, which does not exist"
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                yield resource, doc


def _containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spec = doc.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    return list(pod.get("containers", [])) + list(pod.get("initContainers", []))


def test_kubernetes_manifests_parse_and_name_existing_commands_settings_and_platform_secrets() -> None:
    kinds: dict[str, dict[str, Any]] = {}
    secret_keys: set[str] = set()
    for resource, doc in _manifests():
        assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"], resource
        assert doc["kind"] != "Secret", f"{resource}: secrets come from the platform, not from the repository"
        kinds[f"{doc['kind']}/{doc['metadata']['name']}"] = doc
        for container in _containers(doc):
            where = f"{resource} {doc['metadata']['name']}/{container['name']}"
            for env in container.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["name"] == SECRET, where
                    secret_keys.add(ref["key"])
            if container["image"] != IMAGE:
                continue
            _assert_command(container["args"], where)
            for env in container.get("env", []):
                _assert_env(env["name"], env.get("value"), where)
            assert container["resources"]["limits"], where
            for probe in ("readinessProbe", "livenessProbe"):
                if probe in container:
                    command = container[probe]["exec"]["command"]
                    assert command[0] == IMAGE, where
                    _assert_command(command[1:], f"{where} {probe}")
    kafka = kinds["StatefulSet/kafka"]
    assert kafka["spec"]["replicas"] == 3
    env = {e["name"]: e.get("value") for e in _containers(kafka)[0]["env"]}
    assert env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == "3" and env["KAFKA_MIN_INSYNC_REPLICAS"] == "2"
    mounts = {m["mountPath"] for m in _containers(kafka)[0]["volumeMounts"]}
    assert env["KAFKA_LOG_DIRS"] in mounts
    assert kinds["Job/migrate"]["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    for name in ("collectors", "classifier", "router", "console", "dead-letters"):
        assert f"Deployment/{name}" in kinds, name
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    for key in secret_keys:
        assert key in guide, f"the operator's guide does not say how to provide the secret key {key!r}"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed: kustomize build not run")
def test_kustomize_builds(tmp_path: Path) -> None:
    copy = tmp_path / "deploy"
    shutil.copytree(DEPLOY, copy)
    shutil.copy(REPO / "collectors" / "sources.example.yaml", copy / "sources.yaml")
    built = subprocess.run(["kubectl", "kustomize", str(copy)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    docs = [d for d in yaml.safe_load_all(built.stdout) if d]
    assert all(d["metadata"].get("namespace") == "yuqing" for d in docs if d["kind"] != "Namespace")
