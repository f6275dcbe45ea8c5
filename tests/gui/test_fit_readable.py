"""The view a model opens at: too wide and too tall to be read whole, it shows its top
left corner (the first layer and the first zone), not the middle of its top edge, which
on a hospital group's model lay past its first zones: the canvas opened empty."""

from __future__ import annotations

from workbench.model.io import save_model
from workbench.model.layout import ensure_layout


def _spread(model, far: float):
    """``model`` laid out as it opens, with its last component moved ``far`` to the right
    and below: the diagram is then much wider and taller than the view."""
    layout = ensure_layout(model).layout
    last = model.components[-1].id
    box = layout.elements[last]
    elements = dict(layout.elements)
    elements[last] = box.model_copy(update={"x": box.x + far, "y": box.y + far})
    return model.model_copy(update={"layout": layout.model_copy(update={"elements": elements})})


def test_a_model_too_wide_to_read_whole_opens_at_its_top_left(qtbot, make_window, tmp_path):
    from tests.model.factories import tiny_model

    model = _spread(tiny_model(), 8_000.0)
    path = tmp_path / "wide.twm.json"
    save_model(model, path)
    window = make_window(None)
    assert window.open_path_quiet(str(path))
    view = window.view
    view.fit_readable()
    bounds = window.scene.itemsBoundingRect()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert abs(view.zoom() - 0.6) < 1e-9  # readable: not the whole model
    assert shown.width() < bounds.width() and shown.height() < bounds.height()
    assert abs(shown.left() - bounds.left()) < 2 and abs(shown.top() - bounds.top()) < 2
    first = window.scene.elements[model.components[0].id]
    assert shown.contains(first.sceneBoundingRect())  # a card is in view, not blank canvas
    assert view.still_fitted()


def test_a_model_as_wide_as_the_view_keeps_its_middle(qtbot, make_window, tmp_path):
    """Only the width that does not fit moves the view: a tall model whose width fits is
    shown centred across, as before."""
    from tests.model.factories import tiny_model

    model = tiny_model()
    model = _spread(model, 0.0)
    last = model.components[-1].id
    layout = model.layout
    box = layout.elements[last]
    elements = dict(layout.elements)
    elements[last] = box.model_copy(update={"y": box.y + 8_000.0})
    model = model.model_copy(update={"layout": layout.model_copy(update={"elements": elements})})
    path = tmp_path / "tall.twm.json"
    save_model(model, path)
    window = make_window(None)
    assert window.open_path_quiet(str(path))
    view = window.view
    view.fit_readable()
    bounds = window.scene.itemsBoundingRect()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.height() < bounds.height()
    assert shown.width() >= bounds.width()  # the width fits...
    assert abs(shown.center().x() - bounds.center().x()) < 2  # ...centred, as before
    assert abs(shown.top() - bounds.top()) < 2
