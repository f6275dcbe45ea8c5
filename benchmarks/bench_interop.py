"""Benchmark: importing a large vendor architecture, against naive baselines in the same run.

Two costs matter when a vendor sends a big OTM file:
* the stencil mapper: the workbench indexes stencil phrases by first word; the naive
  baseline checks every phrase of the table against every name (same decisions, asserted);
* the YAML guard (event scan + bounded expansion walk): the baseline is the unguarded load
  of the same text with the same loader (libyaml's CSafeLoader when available); the
  pure-Python ``yaml.safe_load`` is printed too, since that is what the guard replaced.
It also prints the end-to-end import time of the generated file (JSON and YAML).

    .venv/bin/python benchmarks/bench_interop.py [--components 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from workbench.interop.mapping import GENERIC_BY_LAYER, StencilMapper, _contains, words  # noqa: E402
from workbench.interop.otm import import_otm  # noqa: E402
from workbench.interop.safe_yaml import Loader, safe_yaml_load  # noqa: E402
from workbench.model.enums import Layer  # noqa: E402

NAMES = ["Patient smartphone", "Azure IoT Hub", "Public API v2", "Accounting PostgreSQL",
         "Clinician portal", "Bluetooth link", "Home hub", "Data lake", "Mirth HL7 engine",
         "Legacy CRM", "Identity Server", "Firmware update server", "LTE modem", "Backup vault"]
TYPES = ["process", "store", "SE.P.TMCore.WebAPI", "web-service", "database", "actor"]


def naive_map(mapper: StencilMapper, name: str, ftype: str, hint: Layer) -> str:
    """Every phrase against every text: what a straightforward implementation does."""
    if ftype in mapper.stencils:
        return ftype
    best = None
    for text in (name, ftype):
        for haystack in dict.fromkeys((words(text, camel=False), words(text))):
            for phrase, stencil_id, how in mapper._phrases:
                if _contains(haystack, phrase):
                    stencil = mapper.stencils[stencil_id]
                    score = (len(phrase) * 10 + (2 if not how.startswith("hint") else 0)
                             + (1 if stencil.layer == hint else 0))
                    if best is None or score > best[0]:
                        best = (score, stencil_id)
    return best[1] if best else GENERIC_BY_LAYER[hint]


def otm_document(n: int, seed: int = 3) -> dict:
    rng = random.Random(seed)
    zones = [{"id": f"z{i}", "name": f"Zone {i}", "risk": {"trustRating": 10 * i}}
             for i in range(8)]
    comps = [{"id": f"c{i}", "name": f"{rng.choice(NAMES)} {i}", "type": rng.choice(TYPES),
              "parent": {"trustZone": rng.choice(zones)["id"]}} for i in range(n)]
    flows = [{"id": f"f{i}", "name": f"flow {i}", "source": f"c{rng.randrange(n)}",
              "destination": f"c{rng.randrange(n)}"} for i in range(2 * n)]
    flows = [f for f in flows if f["source"] != f["destination"]]
    return {"otmVersion": "0.2.0", "project": {"name": "Big vendor", "id": "big"},
            "trustZones": zones, "components": comps, "dataflows": flows}


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--components", type=int, default=2000)
    args = parser.parse_args()
    doc = otm_document(args.components)
    mapper = StencilMapper()
    items = [(c["name"], c["type"], Layer.CLOUD) for c in doc["components"]]
    fast = [mapper.map("x", n, t, h).stencil for n, t, h in items]
    slow = [naive_map(mapper, n, t, h) for n, t, h in items]
    assert fast == slow, "indexed and naive mappers disagree"
    t_fast = timed(lambda: [mapper.map("x", n, t, h) for n, t, h in items])
    t_slow = timed(lambda: [naive_map(mapper, n, t, h) for n, t, h in items])
    print(f"mapping {len(items)} elements ({len(mapper._phrases)} phrases): "
          f"indexed {t_fast * 1000:.1f} ms, naive {t_slow * 1000:.1f} ms, "
          f"x{t_slow / t_fast:.1f}")

    text = yaml.safe_dump(doc, sort_keys=False)
    t_python = timed(lambda: yaml.safe_load(text), repeat=1)  # slow: once is enough
    t_plain = timed(lambda: yaml.load(text, Loader=Loader))  # noqa: S506
    t_guard = timed(lambda: safe_yaml_load(text, "bench"))
    print(f"YAML {len(text) / 1e6:.1f} MB: unguarded {Loader.__name__} {t_plain:.2f} s, "
          f"guarded {t_guard:.2f} s (guard overhead {100 * (t_guard / t_plain - 1):+.0f} %); "
          f"pure-Python yaml.safe_load {t_python:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        for suffix, body in ((".json", json.dumps(doc)), (".yaml", text)):
            path = Path(tmp) / f"big{suffix}"
            path.write_text(body, encoding="utf-8")
            t = timed(lambda path=path: import_otm(path), repeat=1)
            result = import_otm(path)
            print(f"import {suffix[1:]}: {len(result.model.components)} components, "
                  f"{len(result.model.flows)} flows, {len(result.unmapped)} to classify "
                  f"in {t:.2f} s")


if __name__ == "__main__":
    main()
