"""Build benchmark: `make bench`. Prints medians and ratios; asserts nothing about time.

Works on a scratch copy of the repository, so the real generated/ is never touched:
  tf import     python -c "import tensorflow"
  snippets      the snippets' own run time, in one worker (TensorFlow's import excluded)
  cold build    `make build` (sync, then both languages) with no stored outputs (every snippet runs)
  warm build    the same again, nothing changed (must import no TensorFlow)
  one snippet   the same after one snippet changed (only that one may re-run)
Targets (from the pipeline issue): cold <= 1.5 x (tf import + snippets + warm).
Then, on the built site (tools/dev/page_cost.py): each page's first-visit weight, and what the
most formula-heavy chapter costs a phone against the plainest, as a ratio of blocking times
measured in the same rounds (target <= 2, issue 24).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.dev.page_cost import compare, report
from tools.layout import ROOT, Layout
from tools.produce.outputs import RUN_ENV, run_snippets

# As `make build` does: `make sync` (re-runs what is stale), then both languages (tools/site.py).
BUILD = ("import sys\nfrom tools.generated import sync\nfrom tools.site import build\n"
         "try:\n    sync()\n    code = build()\n"
         "finally:\n    print('TF_IMPORTED=%s' % ('tensorflow' in sys.modules))\n"
         "sys.exit(code)\n")


def scratch_copy() -> Path:
    """The repository's files as a contributor's clone would have them (no site, no venv)."""
    target = Path(tempfile.mkdtemp(prefix="bench-")) / "repo"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_symlink() or (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            # A link stays a link (docs/LANG/assets -> ../assets), as git checks it out.
            shutil.copy2(ROOT / name, target / name, follow_symlinks=False)
    if (ROOT / "node_modules").exists():  # installed packages the build runs (MathJax), not sources
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def build(repo: Path) -> tuple[float, str]:
    env = {**os.environ, **RUN_ENV, "GENERATED": "auto", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", BUILD], cwd=repo, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {repo}:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stdout


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, **RUN_ENV}, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.dev.bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    n = args.repeat
    repo = scratch_copy()
    layout = Layout(repo / "snippets", repo / "generated" / "outputs", repo / "requirements.txt")
    snippets = layout.snippet_paths()
    print(f"scratch copy: {repo} ({len(snippets)} snippets, {n} runs each)", flush=True)

    tf_import = statistics.median(timed([sys.executable, "-c", "import tensorflow"]) for _ in range(n))
    runs = []
    for _ in range(n):
        results, failures = run_snippets(snippets, cwd=repo)
        if failures:
            raise SystemExit("\n".join(failures))
        runs.append(sum(r.seconds for r in results.values()))
    own = statistics.median(runs)

    cold, warm, one = [], [], []
    warm_tf = warm_ran = False
    for _ in range(n):
        shutil.rmtree(layout.outputs, ignore_errors=True)
        cold.append(build(repo)[0])
        elapsed, out = build(repo)
        warm.append(elapsed)
        warm_tf |= "TF_IMPORTED=True" in out
        warm_ran |= "running" in out
    victim = snippets[0]
    original = victim.read_text(encoding="utf-8")
    for i in range(n):
        victim.write_text(original + f"\n# bench edit {i}\n", encoding="utf-8")
        elapsed, out = build(repo)
        one.append(elapsed)
        one_ran = next((line for line in out.splitlines() if "running" in line), "(nothing ran)")
    victim.write_text(original, encoding="utf-8")
    cold_s, warm_s, one_s = map(statistics.median, (cold, warm, one))

    rows = [("python -c 'import tensorflow'", tf_import), ("snippets' own run time", own),
            ("cold build (no stored outputs)", cold_s), ("warm build (nothing changed)", warm_s),
            (f"build after {victim.name} changed", one_s)]
    print(f"\n{'measurement':<44}{'median s':>10}")
    for label, value in rows:
        print(f"{label:<44}{value:>10.2f}")
    budget = tf_import + own + warm_s
    ratio = cold_s / budget
    print(f"\ncold / (tf import + snippets + warm) = {cold_s:.2f} / {budget:.2f} = {ratio:.2f}"
          f"  (target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})")
    print(f"cold / warm = {cold_s / warm_s:.1f}x; one-snippet / warm = {one_s / warm_s:.1f}x")
    print(f"warm build imported TensorFlow: {'yes' if warm_tf else 'no'};"
          f" warm build ran a snippet: {'yes' if warm_ran else 'no'}")
    print(f"one-snippet build ran: {one_ran.strip()}")
    print()
    report(repo / "site")
    print()
    try:
        compare(repo / "site", runs=max(5, n))
    except RuntimeError as exc:
        print(f"page cost: not measured ({exc})")
    shutil.rmtree(repo.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
