"""A hospital group's zone of thousands of devices still gets a valid automatic layout:
the zone's box grew past the old 100,000-point size limit at about 1,100 devices in one
lane, so such a model could not be laid out nor opened in the window."""

from __future__ import annotations

from workbench.model import Component, Layer, ThreatModel, TrustZone
from workbench.model.enums import ZoneKind
from workbench.model.layout import auto_layout

from .factories import tiny_model


def test_three_thousand_devices_in_one_zone_are_laid_out_and_the_model_validates() -> None:
    base = tiny_model()
    ward = TrustZone(id="ward", name="Ward", kind=ZoneKind.HOSPITAL, trust_level=5)
    pumps = [Component(id=f"pump-{i}", name=f"Pump {i}", stencil="insulin-pump",
                       layer=Layer.THING, zone="ward") for i in range(3000)]
    model = base.model_copy(update={"zones": [*base.zones, ward],
                                    "components": [*base.components, *pumps]})
    layout = auto_layout(model)
    zone_box = layout.zones["ward"]
    assert zone_box.h > 100_000  # the old limit
    laid_out = ThreatModel.model_validate(
        model.model_copy(update={"layout": layout}).model_dump(mode="json"))
    assert len(laid_out.layout.elements) == len(model.components)
