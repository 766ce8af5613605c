"""Where prikaz finds the files it ships with: the templates (DOCX and the site's pages).

The repository keeps them at its top, in `templates/` (tools/make_templates.py writes
them there, a department edits them in Word); a wheel carries the same files inside the
package as `generator/templates/` (setup.py), so an installed prikaz works from any folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def templates_folder() -> Path:
    """The bundled templates: the installed package's copy first, else the checkout's."""
    installed = PACKAGE / "templates"
    return installed if installed.is_dir() else PACKAGE.parent / "templates"
