"""The Qt desktop user interface (PySide6 widgets). Core modules never import from here."""
