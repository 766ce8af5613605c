"""The Jinja environment of the DOCX templates: the compiled code it keeps between runs is
used only for the same source, and a damaged or missing copy changes nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SecurityError

from generator.render.environment import Environment


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIKAZ_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_template_renders_the_same_from_a_kept_copy(cache_dir):
    source = "<w:t>{{ name }} & {{ items|join(', ') }}</w:t>"
    first = Environment().from_string(source).render(name="«Школа» <№ 1>", items=["а", "б"])
    kept = list(cache_dir.glob("jinja-*.code"))
    assert len(kept) == 1
    second = Environment().from_string(source).render(name="«Школа» <№ 1>", items=["а", "б"])
    assert first == second == "<w:t>«Школа» &lt;№ 1&gt; & а, б</w:t>"
    assert list(cache_dir.glob("jinja-*.code")) == kept  # read, not written again


def test_another_source_is_never_served_a_kept_copy(cache_dir):
    assert Environment().from_string("{{ a }}").render(a="x", b="y") == "x"
    assert Environment().from_string("{{ b }}").render(a="x", b="y") == "y"
    assert len(list(cache_dir.glob("jinja-*.code"))) == 2


def test_a_damaged_copy_is_compiled_again(cache_dir):
    Environment().from_string("{{ a }}!")
    (kept,) = cache_dir.glob("jinja-*.code")
    kept.write_bytes(b"\x00not marshal")
    assert Environment().from_string("{{ a }}!").render(a="ok") == "ok!"
    kept.write_bytes(b"")
    assert Environment().from_string("{{ a }}!").render(a="ok") == "ok!"


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PRIKAZ_CACHE_DIR", str(blocker / "cache"))
    assert Environment().from_string("{{ a }}").render(a="ok") == "ok"


def test_the_sandbox_holds_for_a_kept_copy(cache_dir):
    for _ in range(2):  # compiled, then from the copy
        with pytest.raises(SecurityError):
            Environment().from_string("{{ ''.__class__.__mro__ }}").render()
    assert len(list(cache_dir.glob("jinja-*.code"))) == 1


def test_a_syntax_error_is_raised_and_nothing_is_kept(cache_dir):
    with pytest.raises(TemplateSyntaxError):
        Environment().from_string("{% for %}")
    assert not list(cache_dir.glob("jinja-*.code"))


_NAMES = st.sampled_from(["text", "number", "items", "keys", "get", "_hidden", "__class__", "__init__", "missing"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_NAMES, st.text(max_size=5) | st.integers(), max_size=5), _NAMES)
def test_an_attribute_of_a_dict_reads_as_jinja_s_sandbox_reads_it(values, name):
    from jinja2 import Undefined
    from jinja2.sandbox import SandboxedEnvironment

    def outcome(environment):
        try:
            value = environment.getattr(values, name)
        except Exception as e:  # the sandbox refuses: so must we, with the same error
            return ("refused", type(e).__name__)
        if isinstance(value, Undefined):
            return ("undefined", type(value).__name__)
        return ("value", repr(value))  # a bound method's repr names the dict it is bound to

    assert outcome(Environment()) == outcome(SandboxedEnvironment(autoescape=True))
