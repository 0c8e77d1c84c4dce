"""The commit habits of .pre-commit-config.yaml: ruff, nbstripout, detect-secrets, run offline from the venv.

- the hooks are `repo: local` + `language: system` (pre-commit downloads nothing: no GitHub here, nor in CI);
- each hook's own command passes on the repository's files (run on a copy, so nothing in the work tree changes);
- `pre-commit run --all-files` passes on a git copy of the repository;
- and each hook catches what it is for: a notebook with outputs, a planted fake key, a lint error;
- the analytical QA logs (docs/aqa) cite code that exists, and their registers link to their entries.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from identify.identify import tags_from_path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".pre-commit-config.yaml"
BASELINE = ROOT / ".secrets.baseline"
BIN = Path(sys.executable).parent           # the venv's tools, beside the python running the tests
HOOK_IDS = ("ruff", "nbstripout", "detect-secrets")
AQA = ROOT / "docs" / "aqa"
AQA_LOGS = ("assumptions.md", "data_log.md")
#: without git (a tarball): what .gitignore leaves out, roughly, when the repository's files are listed by walking
NOT_REPO = {".git", ".venv", ".lockvenv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", ".ipynb_checkpoints",
            "build", "tmp"}
GENERATED = ("reports/", "data/synthetic/", "data/real/")


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: {**hook, "_repo": repo["repo"]} for repo in config["repos"] for hook in repo["hooks"]}


def _env() -> dict:
    """The venv first on PATH, pre-commit's cache in a throw-away folder, no git or SKIP settings from a caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def _run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env or _env(), capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)


def _said(p: subprocess.CompletedProcess) -> str:
    return f"exit {p.returncode}\n--- stdout\n{p.stdout[-6000:]}\n--- stderr\n{p.stderr[-3000:]}"


def _git() -> str | None:
    return shutil.which("git")


def _repo_files() -> list[str]:
    """The repository's files: tracked and not ignored (as git lists them), or a walk of the folder without git."""
    if _git() and (ROOT / ".git").exists():
        p = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, env=_env())
        if p.returncode == 0:
            return sorted({f for f in p.stdout.split("\0") if f and os.path.lexists(ROOT / f)})
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in NOT_REPO and not d.endswith(".egg-info")]
        for name in files:
            rel = (Path(folder) / name).relative_to(ROOT).as_posix()
            if not rel.startswith(GENERATED) or name == ".gitkeep":
                found.append(rel)
    return sorted(found)


def _copy_files(files: list[str], dest: Path) -> None:
    for rel in files:
        src, dst = ROOT / rel, dest / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
        elif src.is_file():
            shutil.copy2(src, dst)


def _selected(hook: dict, files: list[str], root: Path) -> list[str]:
    """The files pre-commit hands this hook: `files`/`exclude` patterns, then `types` (all) and `types_or` (any)."""
    include, exclude = re.compile(hook.get("files", "")), re.compile(hook.get("exclude", "^$"))
    types, types_or = set(hook.get("types", ["file"])), set(hook.get("types_or", []))
    chosen = []
    for rel in files:
        if not include.search(rel) or exclude.search(rel):
            continue
        tags = tags_from_path(str(root / rel))
        if types <= tags and (not types_or or tags & types_or):
            chosen.append(rel)
    return chosen


@pytest.fixture(scope="module")
def repo_files() -> list[str]:
    return _repo_files()


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory, repo_files) -> Path:
    """The repository's files in a throw-away folder: a hook that rewrites a file rewrites the copy."""
    dest = tmp_path_factory.mktemp("repo")
    _copy_files(repo_files, dest)
    return dest


def _git_repo(folder: Path) -> None:
    for args in (["init", "-q", "."], ["add", "-A"]):
        p = _run(["git", *args], cwd=folder)
        assert p.returncode == 0, _said(p)


def _small_repo(folder: Path) -> Path:
    """A git repository holding only the habits' configuration (and ruff's, in pyproject.toml)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (".pre-commit-config.yaml", ".secrets.baseline", "pyproject.toml"):
        shutil.copy2(ROOT / name, folder / name)
    return folder


def _notebook_with_outputs(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1 + 1)", id="c0ffee01")
    cell.execution_count = 3
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n"),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=3)]
    nb.cells = [nbformat.v4.new_markdown_cell("# scratch", id="c0ffee00"), cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _fake_secrets(path: Path) -> Path:
    """A file with made-up credentials of the kinds detect-secrets knows (assembled here, so this file holds none)."""
    aws = "AKIA" + "ZQ3DUMMYFAKE7KEY"
    private = "-----BEGIN " + "RSA PRIVATE KEY-----"
    path.write_text(f'AWS_ACCESS_KEY_ID = "{aws}"\nKEY = """{private}\nMIIEowIBAAKCAQEA\n"""\n', encoding="utf-8")
    return path


# --- the configuration ----------------------------------------------------------------------------------------------

def test_hooks_are_local_and_run_the_venvs_tools():
    hooks = _hooks()
    assert set(HOOK_IDS) <= set(hooks), f"hooks: {sorted(hooks)}"
    for hook_id, hook in hooks.items():
        assert hook["_repo"] == "local", f"{hook_id}: a remote hook repository is fetched from the network"
        assert hook["language"] == "system", f"{hook_id}: language {hook['language']} makes pre-commit build an environment"
        assert "additional_dependencies" not in hook, hook_id
    for tool in ("pre-commit", "ruff", "nbstripout", "detect-secrets", "detect-secrets-hook"):
        assert (BIN / tool).exists(), f"{BIN / tool} missing: `make setup` installs the dev tools from requirements.lock"
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert baseline["results"] == {}, "audit .secrets.baseline: each entry must be a known false positive"


# --- on the repository --------------------------------------------------------------------------------------------

# detect-secrets takes ~17 s over the repository's files: it runs in the slow tier only, in `pre-commit run --all-files`
# below (which names each hook that failed); what it catches is tested on a planted key in the fast tier
@pytest.mark.parametrize("hook_id", [h for h in HOOK_IDS if h != "detect-secrets"])
def test_hook_passes_on_the_repository(hook_id, repo_files, repo_copy):
    """The hook's own command (its `entry`) on the files pre-commit would give it, in a copy of the repository."""
    hook = _hooks()[hook_id]
    files = _selected(hook, repo_files, repo_copy)
    assert files, f"{hook_id}: no file of the repository is selected"
    p = _run([*shlex.split(hook["entry"]), *hook.get("args", []), *files], cwd=repo_copy)
    assert p.returncode == 0, f"{hook_id} on {len(files)} files: {_said(p)}"


@pytest.mark.slow      # every hook over every file once more (the hooks one by one stay in make test)
@pytest.mark.skipif(not _git(), reason="git is not installed")
def test_pre_commit_run_all_files_offline(tmp_path, repo_files):
    """`pre-commit run --all-files` on a git copy of the repository: every hook runs (none skipped) and passes."""
    copy = tmp_path / "repo"
    _copy_files(repo_files, copy)
    _git_repo(copy)
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    p = _run([BIN / "pre-commit", "run", "--all-files", "--color", "never"], cwd=copy, env=env)
    assert p.returncode == 0, _said(p)
    for hook_id in HOOK_IDS:
        name = _hooks()[hook_id]["name"]
        assert re.search(rf"^{re.escape(name)}\.*Passed$", p.stdout, re.M), f"{hook_id} did not run and pass:\n{_said(p)}"


# --- each hook catches what it is for -----------------------------------------------------------------------------

def test_nbstripout_verify_flags_a_notebook_with_outputs(tmp_path):
    nb = _notebook_with_outputs(tmp_path / "scratch.ipynb")
    p = _run([BIN / "nbstripout", "--verify", "--keep-id", nb], cwd=tmp_path)
    assert p.returncode != 0, _said(p)
    p = _run([BIN / "nbstripout", "--keep-id", nb], cwd=tmp_path)           # what the hook does: strip in place
    assert p.returncode == 0, _said(p)
    stripped = nbformat.read(nb, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in stripped.cells if c.cell_type == "code")
    assert [c.id for c in stripped.cells] == ["c0ffee00", "c0ffee01"]        # --keep-id: no churn in cell ids
    p = _run([BIN / "nbstripout", "--verify", "--keep-id", nb], cwd=tmp_path)
    assert p.returncode == 0, _said(p)


def test_detect_secrets_flags_a_planted_key(tmp_path):
    baseline = shutil.copy2(BASELINE, tmp_path / ".secrets.baseline")     # the hook may rewrite a baseline: use a copy
    planted = _fake_secrets(tmp_path / "settings_local.py")
    clean = tmp_path / "clean.py"
    clean.write_text('OPD = "BKD"\nPERIOD = "2026Q1"\n', encoding="utf-8")
    p = _run([BIN / "detect-secrets-hook", "--baseline", baseline, planted.name], cwd=tmp_path)
    assert p.returncode != 0, _said(p)
    assert "AWS Access Key" in p.stdout + p.stderr and "Private Key" in p.stdout + p.stderr, _said(p)
    p = _run([BIN / "detect-secrets-hook", "--baseline", baseline, clean.name], cwd=tmp_path)
    assert p.returncode == 0, _said(p)


@pytest.mark.skipif(not _git(), reason="git is not installed")
def test_pre_commit_stops_a_commit_with_outputs_a_key_or_a_lint_error(tmp_path):
    repo = _small_repo(tmp_path / "repo")
    nb = _notebook_with_outputs(repo / "scratch.ipynb")
    _fake_secrets(repo / "settings_local.py")
    (repo / "sloppy.py").write_text("import os\n", encoding="utf-8")               # F401 unused import
    _git_repo(repo)
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    p = _run([BIN / "pre-commit", "run", "--all-files", "--color", "never"], cwd=repo, env=env)
    assert p.returncode != 0, _said(p)
    for hook_id in HOOK_IDS:
        name = _hooks()[hook_id]["name"]
        assert re.search(rf"^{re.escape(name)}\.*Failed$", p.stdout, re.M), f"{hook_id} did not fail:\n{_said(p)}"
    assert "F401" in p.stdout and "settings_local.py" in p.stdout
    assert not any(c.get("outputs") for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code")


# --- the analytical QA logs keep up with the code -------------------------------------------------------------------

@pytest.mark.parametrize("log", AQA_LOGS)
def test_aqa_log_cites_code_that_exists(log):
    """Every `merit_lib.module:name` in the log imports: code that moves takes its log entry with it (docs/aqa/README.md)."""
    text = (AQA / log).read_text(encoding="utf-8")
    refs = sorted(set(re.findall(r"`(merit_lib(?:\.\w+)*):(\w+)`", text)))
    assert refs or log != "assumptions.md", "no code reference found"
    missing = []
    for module, name in refs:
        try:
            found = hasattr(importlib.import_module(module), name)
        except ImportError as err:
            found, name = False, f"{name} ({err})"
        if not found:
            missing.append(f"{module}:{name}")
    assert not missing, f"docs/aqa/{log} cites code that no longer exists (update the entry): {missing}"


@pytest.mark.parametrize("log", AQA_LOGS)
def test_aqa_register_links_every_entry(log):
    text = (AQA / log).read_text(encoding="utf-8")
    linked = re.findall(r"^\| \[([A-Z]-\d\d)\]\(#([a-z]-\d\d)\)", text, re.M)
    entries = re.findall(r"^#{2,3} ([A-Z]-\d\d)$", text, re.M)
    assert linked and entries
    assert all(anchor == ident.lower() for ident, anchor in linked), linked
    ids = [ident for ident, _ in linked]
    assert len(set(ids)) == len(ids) and len(set(entries)) == len(entries), "an id is used twice"
    assert sorted(ids) == sorted(entries), f"register {sorted(set(ids) ^ set(entries))} without entry or entry not in register"
