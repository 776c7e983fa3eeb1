"""The shape of skill/'s imports: no circle anywhere, every module importable on its own, the cheap
packages cheap, and nothing the Lambda artifact does not ship (deploy/Makefile: skill/ and
lambda_function.py) imported by it.

The graph is read from the source (ast): every import that runs — at module level or deferred inside
a function — but not those under `if TYPE_CHECKING:`, which never run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("skill", "lambda_function")


def _modules() -> dict[str, Path]:
    found = {"lambda_function": ROOT / "lambda_function.py"}
    for path in sorted((ROOT / "skill").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    yield from _imports_of(ast.iter_child_nodes(node))


def _imports_of(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in nodes:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _imports_of(node.orelse)  # the body never runs
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _targets(module: str, path: Path) -> set[str]:
    """The modules `module` imports (absolute names). `from pkg import sub` is an edge to `pkg.sub`
    when `sub` is a module, and to `pkg` when it is a name defined there."""
    targets: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _imports(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            targets.add(sub if sub in MODULES else base)
    return targets


GRAPH = {
    module: {t for t in _targets(module, path) if t in MODULES and t != module}
    for module, path in MODULES.items()
}


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_the_import_graph_has_no_circle() -> None:
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_the_graph_reader_sees_deferred_imports_and_skips_type_checking_ones() -> None:
    # A check of the check: lambda_function defers its imports into the handler, and the voice
    # services only name Accounts for the type checker.
    assert "skill.composition" in GRAPH["lambda_function"]
    assert "skill.accounts" not in GRAPH["skill.voice.services"]


def test_shipped_code_imports_nothing_the_artifact_lacks() -> None:
    unshipped = ("devtools", "sandbox", "tests", "benchmarks", "interaction_model")
    offenders = {
        module: sorted(t for t in _targets(module, path) if t.split(".")[0] in unshipped)
        for module, path in MODULES.items()
    }
    assert {m: t for m, t in offenders.items() if t} == {}


# Each module in a forked child of a bare interpreter: it imports alone, with nothing loaded before it.
_ALONE = """
import importlib, os, sys, traceback
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
        failed.append(name)
print(",".join(failed))
"""


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = [m for m in MODULES if m != "skill.__main__"]  # __main__ runs the CLI
    done = subprocess.run(
        [sys.executable, "-c", _ALONE, *names],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "", done.stderr[-3000:]


@pytest.mark.parametrize(
    "module", ["skill.accounts", "skill.store", "skill.store.base", "skill.composition", "lambda_function"]
)
def test_cheap_imports_stay_cheap(module: str) -> None:
    script = (
        f"import sys, {module}\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'boto3', 'botocore', 'cryptography'})\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_a_request_without_a_token_loads_no_storage() -> None:
    # The LinkAccount answer needs neither DynamoDB nor the credential cipher (cold start, §5).
    script = (
        "import os, sys\n"
        "os.environ['SKILL_ID'] = 'amzn1.ask.skill.imports'\n"
        "import lambda_function\n"
        "from devtools.envelopes import intent_request\n"
        "event = intent_request('SleepIntent', skill_id=os.environ['SKILL_ID'])\n"
        "reply = lambda_function.lambda_handler(event, None)\n"
        "assert reply['response']['card'] == {'type': 'LinkAccount'}, reply\n"
        "heavy = ('skill.store', 'boto3', 'botocore', 'cryptography')\n"
        "loaded = {m for m in sys.modules if m.startswith(heavy)}\n"
        "print('loaded=' + ','.join(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("loaded=")] == ["loaded="]
