"""Start-up and output plumbing of the CLI: lazy command loading and the fast JSON writer."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from workbench.cli.common import dumps_json
from workbench.cli.main import COMMAND_HELP, COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]


def _registered_help() -> dict[str, str]:
    parser = build_parser(only="*")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help for choice in sub._choices_actions}


def test_help_table_matches_what_each_command_registers():
    registered = _registered_help()
    assert set(registered) == {c.removeprefix("cmd_") for c in COMMANDS}
    for name, text in registered.items():
        assert COMMAND_HELP[name] == text, f"COMMAND_HELP[{name!r}] differs from its register()"


def test_top_level_help_lists_every_command_without_loading_the_model():
    code = ("import sys\nfrom workbench.cli.main import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED' if 'pydantic' in sys.modules else 'LIGHT')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    for name in COMMAND_HELP:
        assert name in out
    assert out.strip().endswith("LIGHT")


def test_command_help_still_shows_its_options():
    out = subprocess.run([sys.executable, "-m", "workbench", "analyze", "--help"],
                         capture_output=True, text=True, check=True).stdout
    assert "--seed" in out and "--top" in out


def test_fast_json_writer_is_byte_identical_to_the_standard_one():
    data = {"name": "Pompe à insuline \u202e", "p": [0.1, 0.30000000000000004, 3, 1234.5],
            "nested": {"empty": [], "none": None, "flag": True, "int": 2**40}}
    assert dumps_json(data) == json.dumps(data, indent=2, ensure_ascii=False)
    assert json.loads(dumps_json(data, compact=True)) == data


def test_fast_json_writer_keeps_every_number_exactly():
    # Only the spelling of exponents differs (1e-07 vs 1e-7): the same float either way.
    data = {"tiny": 1e-7, "huge": 2.5e16, "big": 2**70}
    assert json.loads(dumps_json(data)) == data


def test_analyze_json_of_a_sample_carries_exactly_the_analysis(capsys):
    """Every key and every number of the analysis, unchanged by the fast writer (only the
    spelling of some floats differs from Python's: 0.0000842 for 8.42e-05)."""
    import argparse

    from workbench.cli import cmd_analyze
    from workbench.cli.main import main

    sample = ROOT / "sample-models" / "insulin-closed-loop.twm.json"
    argv = ["analyze", str(sample), "--json", "--seed", "1", "--samples", "500"]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    parser = argparse.ArgumentParser()
    cmd_analyze.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    args.file = args.file[0]
    assert printed == json.loads(json.dumps(cmd_analyze.build(args).to_json()))
