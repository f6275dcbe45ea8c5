"""``analyze`` builds its parser (its imports) with the collector paused, then freezes
what was made (``cli.main._frozen_imports``); the collector's state is restored."""

from __future__ import annotations

import gc

from workbench.cli import main as cli_main


def test_the_build_runs_paused_and_its_objects_end_frozen():
    states = []

    def build(chosen):
        states.append(gc.isenabled())
        return cli_main.build_parser(only=chosen)

    was = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    try:
        parser = cli_main._frozen_imports(build, "analyze")
        assert states == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert parser.parse_args(["analyze", "m.twm.json", "--json"]).json
        gc.unfreeze()
        gc.disable()
        cli_main._frozen_imports(build, "analyze")
        assert not gc.isenabled()  # off stays off
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()
