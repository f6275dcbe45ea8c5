"""Seeded fuzzing of the model loader and the CLI: no hang, no crash, no silent wrong output.

    python tools/fuzz_models.py --runs 10000 --seed 18

Each run mutates a valid model (the test suite's tiny model, or a sample model) at the byte
level (flips, cuts, duplicated spans) or the JSON level (a leaf replaced by a hostile value:
huge or non-finite numbers, 4,301+ digit integers, unpaired surrogates, control characters,
long ids renamed everywhere, far coordinates, wrong types, deep nesting). The mutated file
goes through ``workbench validate`` in-process; an accepted file then goes through ``info``,
``threats --json``, ``actors --json`` and ``export --format otm`` as well.

A run fails when a command raises, prints ``internal error``, exits with a code other than 0
or 1, takes more than 20 s, or exits 0 with output that contradicts the loaded model
(``threats --json`` must list exactly the threats the rule engine gives). The figures printed
at the end are quoted in docs/security.md with this command.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.model.factories import tiny_model  # noqa: E402
from workbench.analysis.catalog import default_catalog  # noqa: E402
from workbench.analysis.rules import merge_suggestions  # noqa: E402
from workbench.cli.main import main  # noqa: E402
from workbench.model import dumps_model, load_model  # noqa: E402
from workbench.model.errors import ModelError  # noqa: E402

TIMEOUT_S = 20


class Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001
    raise Hang()


class _HugeLiteral(str):
    """An integer literal written as is (Python cannot build ints of 4,301+ digits)."""


def _dumps(doc: Any, ensure_ascii: bool) -> str:
    text = json.dumps(doc, ensure_ascii=ensure_ascii, allow_nan=True)
    return re.sub(r'"@@int:(\d+)"', r"\1", text)


def hostile_value(rng: random.Random) -> Any:
    choice = rng.randrange(16)
    if choice == 0:
        return rng.choice([float("nan"), float("inf"), float("-inf")])
    if choice == 1:
        return _HugeLiteral("9" * rng.choice([19, 300, 4301, 5000]))
    if choice == 2:
        return rng.choice([1e308, -1e308, 3.9e6, 1e6, -1e6 - 1, 1e15, 2**53 + 1])
    if choice == 3:
        return "x" + chr(rng.randrange(0xD800, 0xE000)) + "y"
    if choice == 4:
        return "Pump\x1b]0;pwned\x07\u202e\r\n\x00" * rng.randrange(1, 3)
    if choice == 5:
        return "A" * rng.choice([64, 65, 92, 128, 129, 600, 25_000])
    if choice == 6:
        return rng.choice([None, True, False, [], {}, 0, -1, 11, 0.5])
    if choice == 7:
        value: Any = 1
        for _ in range(rng.choice([10, 70, 200])):
            value = [value]
        return value
    if choice == 8:
        return rng.uniform(-1.2e6, 1.2e6)
    if choice == 9:
        return rng.choice(["", " ", "../../etc/passwd", "${jndi:x}", "=cmd|' /C calc'!A0",
                           "<script>", "%s%n", "2026-02-30", "__proto__"])
    if choice == 10:
        return [[rng.uniform(-2e6, 2e6), rng.uniform(-2e6, 2e6)] for _ in range(3)]
    return rng.choice(["thing", "cloud", "ble", "insulin-pump", "yes", "mitigated", 3, 7.5])


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    out: list[tuple] = []
    if isinstance(node, dict):
        for key, child in node.items():
            out.append((*path, key))
            out.extend(_leaves(child, (*path, key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out.append((*path, index))
            out.extend(_leaves(child, (*path, index)))
    return out


def _set(doc: Any, path: tuple, value: Any) -> None:
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def mutate_json(text: str, rng: random.Random) -> str:
    doc = json.loads(text)
    for _ in range(rng.randrange(1, 4)):
        kind = rng.randrange(5)
        try:  # an earlier mutation may have changed the shape this one expects
            if kind == 0 and doc.get("components"):  # rename an id everywhere
                old = rng.choice(doc["components"] + doc.get("flows", []))["id"]
                new = "".join(rng.choice("abcXYZ019_.:@-") for _ in range(
                    rng.choice([10, 63, 64, 65, 92, 130]))).lstrip("_.:@-") or "z"
                doc = json.loads(json.dumps(doc).replace(f'"{old}"', f'"{new}"'))
            elif kind == 1:  # an option of any shape
                doc.setdefault("risk", {}).setdefault("options", {})[
                    rng.choice(["x", "weights", "cap"])] = hostile_value(rng)
            elif kind == 2 and doc.get("layout", {}).get("elements"):  # far coordinates
                key = rng.choice(sorted(doc["layout"]["elements"]))
                doc["layout"]["elements"][key][rng.choice("xywh")] = hostile_value(rng)
            else:  # any leaf
                paths = _leaves(doc)
                _set(doc, rng.choice(paths), hostile_value(rng))
        except (TypeError, KeyError, AttributeError, IndexError, ValueError):
            continue
    return _dumps(_literals(doc), rng.random() < 0.5)


def _literals(node: Any) -> Any:
    if isinstance(node, _HugeLiteral):
        return f"@@int:{node}"
    if isinstance(node, dict):
        return {k: _literals(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_literals(v) for v in node]
    return node


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randrange(1, 6)):
        kind = rng.randrange(4)
        at = rng.randrange(len(data)) if data else 0
        if kind == 0 and data:
            data[at] = rng.randrange(256)
        elif kind == 1:
            data = data[:at]
        elif kind == 2 and data:
            end = min(len(data), at + rng.randrange(1, 200))
            data[at:at] = data[at:end]
        else:
            data[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"NaN", b"1e999", b"\\ud800",
                                      b"[" * 100, b'"', b"}"])
    return bytes(data)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def check_file(path: Path) -> tuple[str, str]:
    """('rejected'|'accepted', '') or ('failure', why)."""
    code, _, err = run_cli(["validate", "-q", str(path)])
    if "internal error" in err or code not in (0, 1):
        return "failure", f"validate exit {code}: {err[:300]}"
    if code == 1:
        if not all(line.startswith(f"{path}: ") for line in err.splitlines()):
            return "failure", f"validate message not FILE: path: message: {err[:300]}"
        return "rejected", ""
    model = load_model(path)
    expected = len(merge_suggestions(model, default_catalog())[0].threats)
    for argv in (["info", str(path)], ["threats", str(path), "--json"],
                 ["actors", str(path), "--json"], ["export", str(path), "--format", "otm"]):
        code, out, err = run_cli(argv)
        if code != 0 or "internal error" in err:
            return "failure", f"{argv[0]} exit {code}: {err[:300]}"
        if argv[0] == "threats" and len(json.loads(out)["threats"]) != expected:
            return "failure", f"threats --json listed {len(json.loads(out)['threats'])}, " \
                              f"the engine gives {expected}"
        if argv[-1] == "otm":
            json.loads(out)
    return "accepted", ""


def main_fuzz() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = [dumps_model(tiny_model())] + [p.read_text(encoding="utf-8") for p in sorted(
        (ROOT / "sample-models").glob("*.twm.json"))[:2]]
    counts = {"rejected": 0, "accepted": 0, "failure": 0, "hang": 0}
    failures: list[str] = []
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.twm.json"
        for run in range(args.runs):
            base = bases[0] if rng.random() < 0.8 else rng.choice(bases[1:])
            if rng.random() < 0.6:
                path.write_text(mutate_json(base, rng), encoding="utf-8",
                                errors="surrogatepass")
            else:
                path.write_bytes(mutate_bytes(base.encode("utf-8"), rng))
            signal.alarm(TIMEOUT_S)
            try:
                outcome, why = check_file(path)
            except Hang:
                outcome, why = "hang", f"over {TIMEOUT_S} s"
            except ModelError as exc:
                outcome, why = "failure", f"loader accepted then refused: {exc}"[:300]
            except Exception as exc:  # noqa: BLE001 - the point is to count them
                outcome, why = "failure", f"{type(exc).__name__}: {exc}"[:300]
            finally:
                signal.alarm(0)
            counts[outcome] += 1
            if why:
                failures.append(f"run {run}: {why}")
                (Path(folder).parent / f"fuzz-failure-{args.seed}-{run}.twm.json").write_bytes(
                    path.read_bytes())
            if (run + 1) % 1000 == 0:
                print(f"{run + 1} runs, {counts}", flush=True)
    elapsed = time.perf_counter() - start
    print(f"seed {args.seed}: {args.runs} mutated files in {elapsed:.0f} s: "
          f"{counts['rejected']} rejected with FILE: path: message, {counts['accepted']} "
          f"accepted and run through 4 more commands, {counts['failure']} failures, "
          f"{counts['hang']} hangs")
    for line in failures[:20]:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main_fuzz())
