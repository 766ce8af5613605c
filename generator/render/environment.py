"""The Jinja environment a DOCX template renders in: sandboxed, autoescaped, and with the
compiled code of each template part kept between runs.

docxtpl hands Jinja each part of a template (body, headers, footers, properties) as a
string, and Jinja compiles a string to Python code every time: for the eight parts of the
bundled templates that was a fifth of the render of a 1,000-measure plan (bench/RESULTS-e2e.md).
Jinja keeps compiled code only for templates read through a loader, so here a part's code
is kept in the user's cache folder (generator/cache.py), like the `.pyc` files Python
keeps for its modules: named by the part's source and by everything else the code depends
on, it is never used for another source, another environment or another Jinja.
"""

from __future__ import annotations

import marshal
import sys
import types

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .. import cache


class Environment(SandboxedEnvironment):
    """The sandbox: a template (a folder given with --templates) may print the values it
    is given, never reach Python's internals from them («''.__class__.__mro__…» →
    os.system). Autoescape: «&», «<» and anything that looks like markup print as typed."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)

    def getattr(self, obj, attribute):
        """`row.text` for the view's dicts without Jinja's detour: Jinja first asks the
        dict for an attribute «text», which raises, then takes the item; a thousand rows
        raise thousands of times. A dict's item is taken directly when the dict type has no
        attribute of that name, which is exactly when Jinja would take it."""
        if type(obj) is dict and attribute in obj and not hasattr(dict, attribute):
            return obj[attribute]
        return super().getattr(obj, attribute)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (Jinja's name)
        if not isinstance(source, str):  # a parsed template: nothing to key it by
            return super().from_string(source, globals, template_class)
        cls = template_class or self.template_class
        return cls.from_code(self, self._code(source), self.make_globals(globals), None)

    def _code(self, source: str) -> types.CodeType:
        name = f"jinja-{self._key(source)}.code"
        kept = cache.read(name)
        if kept is not None:
            try:
                code = marshal.loads(kept)
            except (EOFError, ValueError, TypeError):  # a damaged copy: compiled again
                code = None
            if isinstance(code, types.CodeType):
                return code
        code = self.compile(source)  # a syntax error raises here, and nothing is kept
        cache.write(name, marshal.dumps(code))
        return code

    def _key(self, source: str) -> str:
        """What the compiled code depends on besides the source: the Python that runs it,
        the Jinja that generated it, and the environment's settings that Jinja bakes into
        the code (escaping, the filters and tests it resolves, its syntax)."""
        settings = (
            type(self).__module__,
            type(self).__qualname__,
            self.autoescape,
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.keep_trailing_newline,
            self.optimized,
            sorted(self.filters),
            sorted(self.tests),
            sorted(self.extensions),
        )
        return cache.digest(sys.version, jinja2.__version__, repr(settings), source)
