"""`prikaz init`: a new organization folder with an annotated organization.yaml and examples."""

from __future__ import annotations

import datetime as dt
import os

from ..errors import InputError
from .documents import shown


def init(folder: str, today: dt.date) -> tuple[str, ...]:
    """Write the starter files (and the editor's schema) into `folder`; the paths written.
    Refuses a folder inside another organization and never overwrites a file."""
    from ..editor_schema import with_schema
    from ..load import ORGANIZATION_FILE, organization_home
    from ..output import write_atomic
    from ..starter import starter_files

    files = with_schema(starter_files(today))
    home = organization_home(os.path.dirname(os.path.abspath(folder)))
    if home is not None:
        raise InputError(
            f"папка {shown(folder)} внутри организации {shown(home)} (там уже есть "
            f"{ORGANIZATION_FILE}); выберите папку вне её. Ничего не записано."
        )
    clashes = [name for name in files if os.path.exists(os.path.join(folder, name))]
    if clashes:
        raise InputError(f"в папке {shown(folder)} уже есть {', '.join(clashes)}. Ничего не записано.")
    written = []
    for name, text in files.items():
        path = os.path.join(folder, name)
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return tuple(written)
