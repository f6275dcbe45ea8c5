"""Import every file of a corpus in other tools' formats; print what came in and what not.

    python tools/interop_corpus.py [DIR ...] [--guesses]

Default directories: ``tests/data/interop`` (files written for the tests, including the
generated ``corpus/``) and ``/work/shared/interop`` when it exists (public files kept out of
the repository). For each file: the format guessed, ``imported`` or ``refused`` with the
reason, and the counts in the source (read here by a small counter per format, independent
of the importers) against the counts in the imported model: elements, flows, threats,
boundaries. A difference is explained by the importer's warnings (self-loops skipped,
placeholders added). ``--guesses`` prints the stencil and layer guessed for every element,
with the confidence: the table in docs/interop.md is this output, reviewed by eye.

Exit status 0 unless a file that should import was refused (a file whose name says
``invalid`` is expected to be refused).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as DET
import yaml

from workbench.interop.registry import guess_format, import_file
from workbench.model.errors import ModelError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = [ROOT / "tests" / "data" / "interop", Path("/work/shared/interop")]
SUFFIXES = {".json", ".yaml", ".yml", ".tm7", ".csv", ".otm"}
SKIP_NAMES = {"otm_schema.json"}
KEYS = ("elements", "flows", "threats", "boundaries")


# ------------------------------------------------------------------ source counters ------
def _otm(doc: dict) -> dict[str, int]:
    comps, flows = doc.get("components") or [], doc.get("dataflows") or []
    placed = sum(len(x.get("threats") or []) for x in [*comps, *flows] if isinstance(x, dict))
    return {"elements": len(comps), "flows": len(flows), "threats": placed,
            "boundaries": len(doc.get("trustZones") or [])}


TD_NODES = {"actor", "process", "store", "tm.Actor", "tm.Process", "tm.Store"}
TD_FLOWS = {"flow", "tm.Flow"}
TD_BOUNDS = {"trust-boundary-box", "trust-boundary-curve", "tm.Boundary", "tm.BoundaryBox"}


def _td(doc: dict) -> dict[str, int]:
    out = Counter()
    for diagram in doc.get("detail", {}).get("diagrams", []):
        cells = diagram.get("cells") or (diagram.get("diagramJson") or {}).get("cells") or []
        for cell in cells:
            kind = cell.get("shape") or cell.get("type") or (cell.get("data") or {}).get("type")
            data = cell.get("data") if isinstance(cell.get("data"), dict) else cell
            if kind in TD_NODES:
                out["elements"] += 1
            elif kind in TD_FLOWS:
                out["flows"] += 1
            elif kind in TD_BOUNDS:
                out["boundaries"] += 1
            out["threats"] += len(data.get("threats") or [])
    return {k: out[k] for k in KEYS}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _tmt(raw: bytes) -> dict[str, int]:
    root = DET.fromstring(raw, forbid_dtd=True)
    xsi = "{http://www.w3.org/2001/XMLSchema-instance}type"
    out = Counter()
    # Annotations: GE.A, or a type the file's own template draws as an annotation.
    notes = {"GE.A"} | {
        next((c.text for c in et if _local(c.tag) == "Id"), "")
        for et in root.iter() if _local(et.tag) == "ElementType"
        and any(_local(c.tag) == "Representation" and c.text == "Annotation" for c in et)}
    for el in root.iter():
        if _local(el.tag) != "Value" or el.get(xsi) is None:
            continue
        kind = el.get(xsi)
        generic = next((c.text for c in el if _local(c.tag) == "GenericTypeId"), "")
        if generic in notes:
            continue
        if kind in {"BorderBoundary", "LineBoundary"} or generic in {"GE.TB.B", "GE.TB.L"}:
            out["boundaries"] += 1
        elif kind == "Connector" or generic == "GE.DF":
            out["flows"] += 1
        elif kind.startswith("Stencil"):
            out["elements"] += 1
    threats = next((el for el in root if _local(el.tag) == "ThreatInstances"), None)
    out["threats"] = len(list(threats)) if threats is not None else 0
    return {k: out[k] for k in KEYS}


def _threagile(doc: dict) -> dict[str, int]:
    assets = doc.get("technical_assets") or {}
    return {"elements": len(assets),
            "flows": sum(len(a.get("communication_links") or {}) for a in assets.values()),
            "threats": sum(len(c.get("risks_identified") or {}) for c in
                           (doc.get("individual_risk_categories") or {}).values()),
            "boundaries": len(doc.get("trust_boundaries") or {})}


def _csv(text: str) -> dict[str, int]:
    import csv
    import io

    sample = text[:4096]
    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), dialect=dialect))
    kinds = Counter((r.get("kind") or "").strip().lower() for r in rows)
    return {"elements": kinds["component"], "flows": kinds["flow"], "threats": 0,
            "boundaries": kinds["zone"]}


def source_counts(path: Path, fmt: str) -> dict[str, int] | None:
    raw = path.read_bytes()
    try:
        if fmt == "tmt":
            return _tmt(raw)
        text = raw.decode("utf-8-sig")
        if fmt == "csv":
            return _csv(text)
        doc: Any = (json.loads(text) if text.lstrip().startswith(("{", "["))
                    else yaml.safe_load(text))
        if not isinstance(doc, dict):
            return None
        return {"otm": _otm, "threatdragon": _td, "threagile": _threagile}[fmt](doc)
    except Exception:  # a counter that cannot read the file says nothing, not a crash
        return None


# -------------------------------------------------------------------------- main ---------
def imported_counts(model: Any) -> dict[str, int]:
    real = [c for c in model.components if c.name != "Unconnected end"]
    return {"elements": len(real), "flows": len(model.flows), "threats": len(model.threats),
            "boundaries": len(model.zones)}


def files_in(dirs: list[Path]) -> list[Path]:
    out = []
    for d in dirs:
        if d.is_dir():
            out += sorted(p for p in d.rglob("*") if p.is_file()
                          and p.suffix.lower() in SUFFIXES and p.name not in SKIP_NAMES)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--guesses", action="store_true",
                        help="print the stencil guessed for every element")
    args = parser.parse_args(argv)
    paths = files_in(args.dirs or DEFAULT_DIRS)
    totals = {"source": Counter(), "imported": Counter()}
    by_format: Counter = Counter()
    refused: list[tuple[Path, str]] = []
    unexpected = 0
    confidence: Counter = Counter()
    for path in paths:
        try:
            fmt = guess_format(path)
        except ModelError as exc:
            refused.append((path, exc.problems[0].message))
            print(f"REFUSED  {path.name}: {exc.problems[0].message}")
            unexpected += "invalid" not in path.name
            continue
        src = source_counts(path, fmt)
        try:
            result = import_file(path, fmt)
        except ModelError as exc:
            reason = "; ".join(p.message for p in exc.problems[:2])
            refused.append((path, reason))
            print(f"REFUSED  {path.name} [{fmt}]: {reason}")
            unexpected += "invalid" not in path.name
            continue
        got = imported_counts(result.model)
        by_format[fmt] += 1
        if src:
            totals["source"].update(src)
        totals["imported"].update(got)
        pairs = "  ".join(f"{k} {src[k] if src else '?'}->{got[k]}" for k in KEYS)
        explained = bool(result.skipped) or src is None
        differs = src is not None and any(src[k] != got[k] for k in KEYS)
        flag = "  !! counts differ, no reason given" if differs and not explained else ""
        print(f"imported {path.name} [{fmt}]  {pairs}{flag}")
        for why in result.skipped:
            print(f"         skipped: {why}")
        for warning in result.warnings:
            if "Unconnected end" in warning:
                print(f"         placeholder: {warning}")
        for decision in result.mapping:
            confidence[decision.confidence] += 1
            if args.guesses:
                mark = "" if decision.mapped else "  [to classify]"
                print(f"         {decision.name[:40]!r:44} {decision.foreign_type[:28]!r:32} "
                      f"-> {decision.stencil} ({decision.layer.value}, "
                      f"{decision.confidence}){mark}")
    print()
    print(f"{len(paths)} files: {len(paths) - len(refused)} imported "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_format.items()))}), "
          f"{len(refused)} refused")
    for path, reason in refused:
        print(f"  refused {path.name}: {reason}")
    print("totals, source -> imported: " + ", ".join(
        f"{k} {totals['source'][k]} -> {totals['imported'][k]}" for k in KEYS))
    print("element guesses by confidence: " + ", ".join(
        f"{k} {confidence[k]}" for k in ("high", "medium", "low")))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
