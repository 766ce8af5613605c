"""The `html` writer: site pages (generator/site.py data) → HTML, with the jinja2 templates in templates/site/."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .docx import template_failure
from .writers import DEFAULT_TEMPLATES, IndexPage, Options

SITE_TEMPLATES = "site"
STYLESHEET = "style.css"


def write(pages: Sequence, options: Options) -> list[bytes]:
    """Each page (an IndexPage or a site.WorkPage) as HTML; one template environment for all."""
    env = environment(options.templates)
    return [
        index_page(env, page.organizations) if isinstance(page, IndexPage) else work_page(env, page) for page in pages
    ]


def environment(templates: Path = DEFAULT_TEMPLATES):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    # A department's own templates folder may restyle only the DOCX: pages fall back to ours.
    folders = [str(folder / SITE_TEMPLATES) for folder in dict.fromkeys([templates, DEFAULT_TEMPLATES])]
    env = SandboxedEnvironment(  # a templates folder given with --templates may be hostile
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,  # titles are printed as typed, whatever they contain
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["size"] = file_size
    env.filters["href"] = href
    return env


_NAME = r"[0-9A-Za-zА-Яа-яЁё_-][0-9A-Za-zА-Яа-яЁё._-]*"  # what output.safe_name makes
_SAFE_PATH = re.compile(rf"^(?:{_NAME}/)*{_NAME}$")


def href(path: str) -> str:
    """A link to a file of the site, relative to the site's root.

    Only a path of safe names (output.relative_path) becomes a link: no scheme
    («javascript:»), no «..», no leading «/», no space or «%» can reach an href, whatever a
    folder is called. Cyrillic letters stay as they are: the path is then also the file's
    name on disk, and browsers encode them when they follow the link."""
    if not _SAFE_PATH.match(path) or ".." in path.split("/"):
        raise ValueError(f"unsafe link {path!r}")
    return path


def index_page(env, organizations) -> bytes:
    return _render(env, "index.html", root="", page_title="Документы", organizations=organizations)


def work_page(env, work) -> bytes:
    depth = work.path.count("/")
    return _render(env, "work.html", root="../" * depth, page_title=work.title, work=work)


def stylesheet(templates: Path = DEFAULT_TEMPLATES) -> bytes:
    own = templates / SITE_TEMPLATES / STYLESHEET
    return (own if own.is_file() else DEFAULT_TEMPLATES / SITE_TEMPLATES / STYLESHEET).read_bytes()


def _render(env, name: str, **context) -> bytes:
    import jinja2

    try:
        template = env.get_template(name)
        return template.render(**context).encode("utf-8")
    except jinja2.TemplateError as e:
        where = getattr(e, "filename", None) or f"{SITE_TEMPLATES}/{name}"
        raise template_failure(e, where) from e


def file_size(size: int) -> str:
    """«812 байт», «170 КБ», «1,4 МБ»: as a reader expects to see a download's size."""
    if size < 1024:
        return f"{size} байт"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} КБ"
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",")
