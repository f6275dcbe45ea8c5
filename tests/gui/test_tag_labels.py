"""Every tag a shipped stencil carries reads as words in the "why it applies" pane."""

from workbench.gui.why_text import tag_labels
from workbench.model.stencils import default_stencils


def test_every_shipped_stencil_tag_has_its_own_label(qapp):
    tags = {tag for stencil in default_stencils() for tag in stencil.tags}
    missing = sorted(tags - set(tag_labels()))
    assert not missing, f"add these tags to why_text.tag_labels (and French): {missing}"
