"""The Qt workbench: the only package that imports PySide6.

Data flows one way: a gesture becomes an edit (``workbench.model.edits``) wrapped in an
undo command on the :class:`~workbench.gui.document.Document`; the document announces the
old and new model; the scene and the panels follow by diffing the two.
"""

import sys


def _immortal_none() -> None:
    """Work around PySide6 6.12 on CPython 3.11: every call of a C++ ``void`` method drops
    one reference to ``None`` it never took, so a busy window (a 2,000-element model) ends
    in "Fatal Python error: none_dealloc". CPython 3.12 made ``None`` immortal (PEP 683);
    on older versions we give it a reference count no program can exhaust. See docs/gui.md.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48


_immortal_none()
