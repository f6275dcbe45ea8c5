"""clip_segment, the one segment-box clipping of the canvas and the printed diagrams."""

from hypothesis import given
from hypothesis import strategies as st

from workbench.model.geometry import clip_segment

coord = st.floats(-50, 150, allow_nan=False)


def test_a_segment_through_a_box_is_clipped_to_its_sides():
    assert clip_segment((-10, 5), (20, 5), (0, 0, 10, 10)) == (10 / 30, 20 / 30)


def test_a_segment_beside_a_box_misses_it():
    assert clip_segment((-10, 15), (20, 15), (0, 0, 10, 10)) is None
    assert clip_segment((12, -5), (12, 20), (0, 0, 10, 10)) is None  # parallel, outside


@given(coord, coord, coord, coord)
def test_clipping_agrees_with_sampling_the_segment(x0, y0, x1, y1):
    box = (0.0, 0.0, 100.0, 60.0)
    part = clip_segment((x0, y0), (x1, y1), box)
    inside = [t / 200 for t in range(201)
              if 0 <= x0 + (x1 - x0) * t / 200 <= 100 and 0 <= y0 + (y1 - y0) * t / 200 <= 60]
    if inside:
        assert part is not None
        assert part[0] <= inside[0] + 1e-9 and inside[-1] <= part[1] + 1e-9
    if part is not None and part[1] - part[0] > 0.02:
        assert inside  # a real stretch inside is seen by the samples too
