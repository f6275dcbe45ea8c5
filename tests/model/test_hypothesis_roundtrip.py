"""Generated models of any shape round-trip through the file format unchanged."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.model import (
    Component,
    ComponentProperties,
    DataAsset,
    Flow,
    Layer,
    Metadata,
    ThreatModel,
    TrustZone,
    dumps_model,
    load_model,
    save_model,
)
from workbench.model.enums import AssetKind, Authentication, PatchStatus, ZoneKind
from workbench.model.layout import ensure_layout

STENCILS = [("insulin-pump", Layer.THING), ("smartphone", Layer.THING),
            ("home-hub", Layer.GATEWAY), ("ble", Layer.NETWORK), ("cellular", Layer.NETWORK),
            ("ehr", Layer.CLOUD), ("vendor-device-cloud", Layer.CLOUD)]

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@st.composite
def models(draw) -> ThreatModel:
    zone_ids = draw(st.lists(ids, max_size=3, unique=True))
    zones = [TrustZone(id=z, name=draw(text), kind=draw(st.sampled_from(ZoneKind)),
                       trust_level=draw(st.integers(0, 10))) for z in zone_ids]
    asset_ids = draw(st.lists(ids.map(lambda s: "a-" + s), max_size=3, unique=True))
    assets = [DataAsset(id=a, name=draw(text), kind=draw(st.sampled_from(AssetKind)),
                        confidentiality=draw(st.integers(0, 4)),
                        impact=draw(st.dictionaries(st.sampled_from(["legal", "image"]),
                                                    st.integers(0, 4))))
              for a in asset_ids]
    comp_ids = draw(st.lists(ids.map(lambda s: "c-" + s), min_size=1, max_size=8, unique=True))
    components = []
    for cid in comp_ids:
        stencil, layer = draw(st.sampled_from(STENCILS))
        components.append(Component(
            id=cid, name=draw(text), stencil=stencil, layer=layer,
            zone=draw(st.sampled_from([None, *zone_ids])),
            properties=ComponentProperties(
                wireless_interfaces=draw(st.lists(text, max_size=2)),
                authentication=draw(st.sampled_from([None, *Authentication])),
                patch_status=draw(st.sampled_from([None, *PatchStatus])),
                internet_exposed=draw(st.booleans()),
                secure_boot=draw(st.sampled_from([None, True, False])),
                data_assets=draw(st.lists(st.sampled_from(asset_ids), unique=True))
                if asset_ids else [],
                notes=draw(st.one_of(st.none(), text)))))
    networks = [c.id for c in components if c.layer == Layer.NETWORK]
    flows = []
    for index in range(draw(st.integers(0, 6))):
        source, target = draw(st.lists(st.sampled_from(comp_ids), min_size=2, max_size=2,
                                       unique=True)) if len(comp_ids) > 1 else (None, None)
        if source is None:
            break
        flows.append(Flow(id=f"f{index}", source=source, target=target,
                          protocol=draw(st.one_of(st.none(), text)),
                          via=draw(st.lists(st.sampled_from(networks), max_size=1))
                          if networks else [],
                          encrypted=draw(st.booleans()), authenticated=draw(st.booleans()),
                          bidirectional=draw(st.booleans())))
    model = ThreatModel(metadata=Metadata(title=draw(text)), zones=zones, data_assets=assets,
                        components=components, flows=flows)
    return ensure_layout(model) if draw(st.booleans()) else model


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_generated_models_round_trip(model: ThreatModel) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "gen.twm.json"
        save_model(model, path)
        loaded = load_model(path)
        assert loaded == model
        assert dumps_model(loaded) == path.read_text(encoding="utf-8")
