"""The Qt workbench: the only package that imports PySide6.

Data flows one way: a gesture becomes an edit (``workbench.model.edits``) wrapped in an
undo command on the :class:`~workbench.gui.document.Document`; the document announces the
old and new model; the scene and the panels follow by diffing the two.
"""
