"""A model read from a file shares its objects' fields sets (``model.io._share_fields_sets``):
the same objects, the same fields sets and dumps as pydantic's own per-object sets, and an
assignment or a copy still records a field on that object alone."""

from __future__ import annotations

import copy
import pickle

import pydantic
import pytest

from tests.model.factories import tiny_model
from workbench.analysis.rules import merge_suggestions
from workbench.model import io
from workbench.model.base import SharedFieldsSet, share_fields_sets
from workbench.model.enums import ThreatStatus
from workbench.model.io import model_from_bytes, save_model
from workbench.model.threat_model import ThreatModel


def _objects(model: ThreatModel) -> list[pydantic.BaseModel]:
    return [*model.components, *(c.properties for c in model.components), *model.flows,
            *model.threats, *model.controls, *model.layout.elements.values(),
            *model.layout.flows.values()]


def _plain_and_shared(raw: bytes) -> tuple[ThreatModel, ThreatModel]:
    """The model as pydantic validates it (a set per object) and as the reader gives it."""
    return ThreatModel.model_validate_json(raw), model_from_bytes(raw, "model")


def _saved_bytes(tmp_path, model: ThreatModel) -> bytes:
    path = tmp_path / "m.twm.json"
    save_model(model, path)
    return path.read_bytes()


def test_read_models_share_sets_equal_to_pydantics(sample_paths, tmp_path) -> None:
    """Every sample, and the first three with their suggestions merged and saved (the
    saved case: thousands of recorded threats): the same model, each object's fields set
    equal to pydantic's (names, and so ``exclude_unset`` dumps), shared between objects
    that give the same names."""
    raws = [p.read_bytes() for p in sample_paths]
    for path in sample_paths[:3]:
        merged, _ = merge_suggestions(model_from_bytes(path.read_bytes(), str(path)))
        raws.append(_saved_bytes(tmp_path, merged))
    # an escape in the text: read the plain way (parse, migrate, validate), shared too
    raws.append(raws[-1].replace(b'"title": "', b'"title": "\\u00e9', 1))
    assert io._read_directly(raws[-1]) is None
    for raw in raws:
        plain, shared = _plain_and_shared(raw)
        assert shared == plain
        assert shared.model_dump(exclude_unset=True) == plain.model_dump(exclude_unset=True)
        pairs = list(zip(_objects(shared), _objects(plain), strict=True))
        for a, b in pairs:
            assert type(a.model_fields_set) is SharedFieldsSet
            assert a.model_fields_set == b.model_fields_set
        by_names = {}
        for a, _ in pairs:
            assert by_names.setdefault(frozenset(a.model_fields_set),
                                       a.model_fields_set) is a.model_fields_set


def test_an_assignment_or_a_copy_records_fields_on_that_object_alone(tmp_path) -> None:
    """Objects sharing a set: assigning a field (or failing to), ``model_copy`` with an
    update, ``copy``, ``deepcopy`` and a pickle round trip each leave the others' sets."""
    merged, _ = merge_suggestions(tiny_model())
    shared = model_from_bytes(_saved_bytes(tmp_path, merged), "model")
    first, second, third = shared.threats[:3]
    names = set(first.model_fields_set)
    assert first.model_fields_set is second.model_fields_set is third.model_fields_set
    assert "owner" not in names and "reason" not in names  # None: not written
    copies = [first.model_copy(), first.model_copy(deep=True), copy.copy(first),
              copy.deepcopy(first), *pickle.loads(pickle.dumps([first, second]))]
    for made in copies:
        made.owner = "ward team"
        assert "owner" in made.model_fields_set
    updated = first.model_copy(update={"reason": "compensated"})
    assert "reason" in updated.model_fields_set
    with pytest.raises(pydantic.ValidationError):
        third.status = "not a status"
    first.reason = "accepted by the ward"
    first.status = ThreatStatus.ACCEPTED
    assert first.model_fields_set == names | {"reason"}
    for other in (second, third):
        assert other.model_fields_set == names
    described = [c for c in shared.components if "source_id" not in c.model_fields_set]
    assert described[0].model_fields_set is described[1].model_fields_set
    kept = set(described[1].model_fields_set)
    described[0].source_id = "vendor-7"
    assert "source_id" in described[0].model_fields_set
    assert described[1].model_fields_set == kept


def test_sharing_keeps_each_objects_names() -> None:
    """Objects giving different names get different shared sets, equal to their own."""
    from workbench.model.entities import Box

    boxes = [Box(x=1, y=2), Box(x=1, y=2, w=3), Box(x=0, y=0), Box(x=0, y=0, w=1, h=1),
             Box(x=5, y=5, w=2)]
    before = [set(b.model_fields_set) for b in boxes]
    share_fields_sets(boxes)
    assert [b.model_fields_set for b in boxes] == before
    assert boxes[0].model_fields_set is boxes[2].model_fields_set
    assert boxes[1].model_fields_set is boxes[4].model_fields_set
    assert boxes[0].model_fields_set is not boxes[1].model_fields_set
