"""Entry script of the PyInstaller bundle: the same `workbench` command as the pip install."""

from workbench.cli.main import main

raise SystemExit(main())
