"""YAML content → model. Reads whole organization folders, reports every problem found.

`load(paths)` takes files or folders; each file belongs to the organization whose
`organization.yaml` is in its folder or above. A folder is read whole, so an order always
sees the plans it approves. Nothing is returned unless everything loaded cleanly.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable

from . import model as m
from . import seals
from .columns import BUILTIN, MEASURE_KEYS, ROLES, value_problem
from .errors import ContentError, Pos, Problem, suggestion
from .schema import Fields, explore, list_items, scalar_schema, string_matching, string_of
from .yamlnodes import Node, read_file

FORMAT_VERSION = "1"
ORGANIZATION_FILE = "organization.yaml"
DOCUMENT_KINDS = ("order", "plan", "regulation")
MAX_MEASURE_DEPTH = 3


def load(paths: Iterable[str], check_seals: bool = True) -> list[m.Department]:
    """Load every organization folder that the given files or folders belong to.

    A sealed document that changed is an error, unless `check_seals` is off (for `verify`,
    which reports every seal's state instead).
    """
    problems: list[Problem] = []
    folders: dict[str, None] = {}
    for path in paths:
        folder = _organization_folder(path)
        if folder is None:
            problems.append(Problem("organization-missing", Pos(_display(path))))
        else:
            folders.setdefault(folder)
    departments = []
    for folder in folders:
        try:
            departments.append(load_folder(folder, check_seals))
        except ContentError as e:
            problems.extend(e.problems)
    if problems:
        raise ContentError(problems)
    return departments


def load_folder(folder: str, check_seals: bool = True) -> m.Department:
    problems: list[Problem] = []
    where: dict[int, dict[str, Pos]] = {}
    roots: dict[int, Node] = {}
    organization = _load_file(os.path.join(folder, ORGANIZATION_FILE), problems, where, roots)
    documents: list[m.Document] = []
    for path in _yaml_files(folder):
        if os.path.basename(path) == ORGANIZATION_FILE:
            if os.path.dirname(path) != folder:
                problems.append(Problem("organization-not-here", Pos(_display(path))))
            continue
        doc = _load_file(path, problems, where, roots)
        if isinstance(doc, m.Organization):  # a second organization, under another name
            problems.append(Problem("organization-not-here", _at(where, doc, "kind")))
        elif doc is not None:
            documents.append(doc)  # type: ignore[arg-type]
    documents = _with_checksums(documents, roots, where)
    if not isinstance(organization, m.Organization):
        if organization is not None:  # organization.yaml holds a document of another kind
            args = {"kind": organization.kind_word}  # type: ignore[attr-defined]
            problems.append(Problem("organization-kind", _at(where, organization, "kind"), args))
        # otherwise organization.yaml could not be read, and its problems say why
        raise ContentError(problems)
    department = m.Department(folder, organization, tuple(documents))
    problems.extend(cross_check(department, where))
    if check_seals and not problems:
        problems.extend(seals.problems(department))
    if problems:
        raise ContentError(problems)
    return department


def _load_file(path: str, problems: list[Problem], where: dict[int, dict[str, Pos]],
               roots: dict[int, Node]) -> object:
    """The model of one file, or None; `where` gets the positions of its top-level values,
    `roots` the file's nodes (for its checksum)."""
    try:
        root = read_file(path, _display(path))
    except ContentError as e:
        problems.extend(e.problems)
        return None
    result = read_document(root, problems)
    if result is not None:
        where[id(result)] = {key: node.pos for key, node in root.value.items()}  # type: ignore[union-attr]
        roots[id(result)] = root
    return result


def _with_checksums(documents: list[m.Document], roots: dict[int, Node], where) -> list[m.Document]:
    """Checksums of the documents an order approves or seals (and of orders): only those
    can be sealed, and a large plan that no order approves need not pay for it."""
    orders = [doc for doc in documents if isinstance(doc, m.Order)]
    approved = {ref.document for order in orders for ref in order.annexes}
    approved |= {order.amendment.new for order in orders if order.amendment}
    approved |= {seal.document for order in orders for seal in order.sealed}
    result = []
    for doc in documents:
        if isinstance(doc, m.Order) or doc.id in approved:
            summed = dataclasses.replace(doc, checksum=seals.content_checksum(roots[id(doc)]))
            where[id(summed)] = where.pop(id(doc))
            doc = summed
        result.append(doc)
    return result


def _at(where: dict[int, dict[str, Pos]], doc, key: str) -> Pos:
    """Where a document's top-level value is written, or the document's own position."""
    return where.get(id(doc), {}).get(key, doc.pos)


def read_document(root: Node, problems: list[Problem]) -> object | None:
    f = Fields(root, problems)
    if not f.ok:
        return None
    version = f.str("format")
    if version is None:
        problems.append(Problem("format-missing", root.pos))
        return None
    if version != FORMAT_VERSION:
        problems.append(Problem("format-unknown", f.pos("format"), {"value": version}))
        return None
    kind = f.choice("kind", tuple(READERS), "")
    if kind not in READERS:
        if "kind" not in f.values:
            problems.append(Problem("key-missing", root.pos, {"key": "kind"}))
        return None
    before = len(problems)
    result = READERS[kind](f)
    f.done()
    return result if len(problems) == before else None


# --- text -------------------------------------------------------------------------------


def read_text(f: Fields, key: str, required: bool = False) -> m.Text:
    return f.read(key, _text, required, default=())  # type: ignore[return-value]


def _text(node: Node, name: str, problems: list[Problem]) -> m.Text:
    if node.kind == "string":
        paragraph = _paragraph(node, name, problems)
        return (paragraph,) if paragraph else ()
    return list_items(node, lambda n: _block(n, name, problems), name, problems)


def _block(node: Node, name: str, problems: list[Problem]) -> m.Block | None:
    if node.kind == "string":
        return _paragraph(node, name, problems)
    if node.kind != "mapping":
        problems.append(Problem("text-block-unknown", node.pos))
        return None
    f = Fields(node, problems, name)
    block: m.Block | None = f.variant({
        "bullets": lambda: m.Bullets(f.strings("bullets", required=True), _marker(f)),
        "heading": lambda: m.Heading(f.str("heading", required=True) or ""),
        "lead": lambda: m.Lead(f.str("lead", required=True) or "", f.str("text") or ""),
    })
    if block is None:
        problems.append(Problem("text-block-unknown", node.pos))
        return None
    f.done()
    return block


def _paragraph(node: Node, name: str, problems: list[Problem]) -> m.Paragraph | None:
    value = string_of(node, name, problems)  # not empty, not too long
    return m.Paragraph(value) if value is not None else None


def _marker(f: Fields) -> str:
    default = "–" if "marker" not in f.values else ""  # `marker:` left empty: no marker
    value = f.read("marker", _literal, default=default)
    return value if value is not None else "–"


def _literal(node: Node, name: str, problems: list[Problem]) -> str | None:
    """A string printed as written, spaces and all (a marker, a separator)."""
    if node.kind == "string":
        return node.value  # type: ignore[return-value]
    string_of(node, name, problems)  # reports the type
    return None


# --- organization -----------------------------------------------------------------------


def _organization(f: Fields) -> m.Organization:
    style = f.sub("style")
    return m.Organization(
        name=f.str("name", required=True) or "",
        name_genitive=f.str("name_genitive", required=True) or "",
        letterhead=f.strings("letterhead", required=True),
        place=f.str("place"),
        municipality=f.str("municipality"),
        style=_style(style) if style else m.Style(),
        signatories=_signatories(f),
        units=f.list("units", lambda n: _unit(n, f.problems)),
        abbreviations=f.strings("abbreviations"),
        pos=f.pos(),
    )


def _style(f: Fields) -> m.Style:
    default = m.Style()
    style = m.Style(
        doc_type=f.str("doc_type", default=default.doc_type) or default.doc_type,
        command=f.str("command", default=default.command) or default.command,
        date=f.choice("date", ("numeric", "long", "long_zero"), default.date),
        annex_header=f.choice("annex_header", ("annex", "approved"), default.annex_header),
        amendment_items=f.choice("amendment_items", ("capital", "lower"), default.amendment_items),
        command_position=f.choice("command_position", ("paragraph", "run-in"), default.command_position),
    )
    f.done()
    return style


def _signatories(f: Fields) -> tuple[tuple[str, m.Signature], ...]:
    return f.entries("signatories", lambda key, _, node: _signature(node, f.problems, f"signatories.{key}"))


def _signature(node: Node, problems: list[Problem], where: str) -> m.Signature | None:
    f = Fields(node, problems, where)
    if not f.ok:
        return None
    signature = m.Signature(
        position=f.strings("position", required=True),
        name=f.str("name", required=True) or "",
        pos=node.pos,
    )
    f.done()
    return signature


def _unit(node: Node, problems: list[Problem]) -> m.Unit | None:
    f = Fields(node, problems, "units")
    if not f.ok:
        return None
    unit = m.Unit(name=f.str("name", required=True) or "", full=f.str("full"), pos=node.pos)
    f.done()
    return unit


# --- orders -----------------------------------------------------------------------------


def _order(f: Fields) -> m.Order:
    amendment = _amendment(f)
    # An amending order's title and change points are computed from the two editions;
    # its own points (execution, control) follow them.
    composed = f.required_unless("amendment")
    return m.Order(
        id=f.ident("id", required=True) or "",
        date=f.date("date", required=True),  # type: ignore[arg-type]
        number=f.str("number", required=True) or "",
        title=f.str("title", required=composed) or "",
        preamble=read_text(f, "preamble"),
        points=f.list("points", lambda n: _point(n, f.problems), required=composed),
        signatory=f.str("signatory", required=True) or "",
        annexes=f.list("annexes", lambda n: _annex_ref(n, f.problems)),
        amendment=amendment,
        sealed=_seals(f),
        as_written=_as_written(f),
        edition=_edition(f),
        pos=f.pos(),
    )


def _as_written(f: Fields) -> bool:
    """`typography: as-written` keeps the text exactly as typed (see typography.py)."""
    return f.choice("typography", ("typeset", "as-written"), "typeset") == "as-written"


SEAL_VALUE = re.compile(r"^(?:sha256:[0-9a-f]{64}|v2:sha256:[0-9a-f]{64}:[0-9a-f]{64})$")  # format 1, 2
YEAR = re.compile(r"^[0-9]{4}$")


def _seals(f: Fields) -> tuple[m.Seal, ...]:
    """`sealed: {id: "sha256:…"}`, written by `prikaz seal` (see seals.py)."""
    def seal(key: str, pos: Pos, node: Node) -> m.Seal | None:
        value = string_matching(node, f"sealed.{key}", f.problems, SEAL_VALUE, "seal-value")
        return m.Seal(key, value, pos) if value is not None else None

    return tuple(seal for _, seal in f.entries("sealed", seal))


def _amendment(f: Fields) -> m.Amendment | None:
    sub = f.sub("amendment")
    if sub is None or not sub.ok:
        return None
    amendment = m.Amendment(
        old=sub.ident("old", required=True) or "",
        new=sub.ident("new", required=True) or "",
        form=sub.choice("form", ("auto", "changes", "new-edition"), "auto"),
        pos=sub.pos(),
    )
    sub.done()
    return amendment


def _edition(f: Fields) -> m.Edition:
    sub = f.sub("edition")
    if sub is None or not sub.ok:
        return m.Edition()
    edition = m.Edition(
        follows=sub.ident("follows"),
        kind=sub.choice("kind", ("original", "new", "amendment"), "original"),
        illustrative=sub.bool("illustrative", False),
    )
    sub.done()
    return edition


def _point(node: Node, problems: list[Problem]) -> m.Point | None:
    if node.kind == "string":
        paragraph = _paragraph(node, "points", problems)
        return m.Point((paragraph,), pos=node.pos) if paragraph else None
    f = Fields(node, problems, "points")
    if not f.ok:
        return None
    point = m.Point(
        text=read_text(f, "text", required=True),
        points=f.list("points", lambda n: _point(n, problems)),
        pos=node.pos,
    )
    f.done()
    return point


def _annex_ref(node: Node, problems: list[Problem]) -> m.AnnexRef | None:
    if node.kind == "string":
        return m.AnnexRef(node.value, pos=node.pos)  # type: ignore[arg-type]
    f = Fields(node, problems, "annexes")
    if not f.ok:
        return None
    ref = m.AnnexRef(
        document=f.str("document", required=True) or "",
        header=f.choice("header", ("annex", "approved"), "") or None,
        printed_header=f.strings("printed_header"),
        pos=node.pos,
    )
    f.done()
    return ref


# --- plans ------------------------------------------------------------------------------


def _plan(f: Fields) -> m.Plan:
    columns = _columns(f)
    numbering = f.sub("numbering")
    layout = f.sub("layout")
    table_per_section = layout.bool("table_per_section", False) if layout else False
    if layout:
        layout.done()
    return m.Plan(
        id=f.ident("id", required=True) or "",
        title=f.str("title", required=True) or "",
        period=_period(f),
        note=_note(f),
        table_title=f.str("table_title"),
        columns=columns,
        column_numbers=f.bool("column_numbers", False),
        responsible_separator=_separator(f),
        numbering=_numbering(numbering) if numbering else m.Numbering(),
        table_per_section=table_per_section,
        sections=f.list("sections", lambda n: _section(n, f.problems, columns), required=True),
        signature=_optional_signature(f),
        edition=_edition(f),
        as_written=_as_written(f),
        pos=f.pos(),
    )


def _period(f: Fields) -> tuple[int, int] | None:
    sub = f.sub("period")
    if sub is None or not sub.ok:
        return None
    years = []
    for key in ("from", "to"):
        value = sub.matching(key, YEAR, "value-year", required=True)
        years.append(int(value) if value else 0)
    sub.done()
    return (years[0], years[1]) if all(years) else None


def _note(f: Fields) -> m.Note | None:
    sub = f.sub("note")
    if sub is None or not sub.ok:
        return None
    note = m.Note(title=sub.str("title"), text=read_text(sub, "text", required=True))
    sub.done()
    return note


def _columns(f: Fields) -> tuple[m.Column, ...]:
    """Either the short form (the four headers of the default table) or a list of columns
    with roles (generator/columns.py)."""
    if f.shape is not None:  # the editor's schema: four titles, or columns with roles
        titles = {"type": "array", "items": scalar_schema(blank=False), "minItems": 4, "maxItems": 4}
        roles = {"type": "array", "minItems": 1,
                 "items": explore(_column, lambda n: _column(n, f.problems), f.problems, "columns")}
        return f._record("columns", {"anyOf": [titles, roles, {"type": "array", "maxItems": 0}]}, False,
                         m.DEFAULT_COLUMNS)
    return f.read("columns", _column_list) or m.DEFAULT_COLUMNS


def _column_list(node: Node, name: str, problems: list[Problem]) -> tuple[m.Column, ...] | None:
    items = list_items(node, lambda n: string_of(n, name, problems) if n.kind == "string" else _column(n, problems),
                       name, problems)
    if not items:
        return None
    if all(isinstance(item, str) for item in items):
        if len(items) != 4:
            problems.append(Problem("value-choice", node.pos, {
                "key": name, "value": f"{len(items)} шт.",
                "allowed": "ровно 4 заголовка или список столбцов с ролями (role)"}))
            return None
        return tuple(dataclasses.replace(c, title=t) for c, t in zip(m.DEFAULT_COLUMNS, items))
    if any(isinstance(item, str) for item in items):
        problems.append(Problem("value-choice", node.pos, {
            "key": name, "value": "заголовки вперемешку со столбцами",
            "allowed": "ровно 4 заголовка или список столбцов с ролями (role)"}))
        return None
    return _checked_columns(items, node.pos, problems)


def _column(node: Node, problems: list[Problem]) -> m.Column | None:
    f = Fields(node, problems, "columns")
    if not f.ok:
        return None
    role = f.choice("role", tuple(ROLES), "")
    title = f.str("title")
    key = f.ident("key")
    width = _width(f)
    f.done()
    if f.shape is not None:
        return None  # the editor's schema is being learnt: the keys are recorded
    if not role:
        if "role" not in f.values:
            problems.append(Problem("key-missing", node.pos, {"key": "columns.role"}))
        return None
    if role in BUILTIN:
        key = None
    elif key is None and role in ("custom", "quarter"):
        problems.append(Problem("column-key-missing", node.pos, {"role": role}))
        return None
    elif key is None:
        key = role
    if title is None and role == "custom":
        problems.append(Problem("column-title-missing", node.pos))
        return None
    return m.Column(role, title or ROLES[role].title, key, width, pos=node.pos)


def _width(f: Fields) -> float | None:
    value = f.str("width")
    if value is None:
        return None
    try:
        width = float(value.replace(",", "."))
    except ValueError:
        width = 0.0
    if not 0.5 <= width <= 20:
        f.problems.append(Problem("value-width", f.pos("width"), {"key": f._name("width"), "value": value}))
        return None
    return width


def _checked_columns(columns: tuple[m.Column, ...], pos: Pos, problems: list[Problem]) -> tuple[m.Column, ...] | None:
    ok = True
    seen_roles: set[str] = set()
    seen_keys: set[str] = set(MEASURE_KEYS)
    for column in columns:
        if column.role in BUILTIN:
            if column.role in seen_roles:
                problems.append(Problem("column-role-twice", column.pos, {"role": column.role}))
                ok = False
            seen_roles.add(column.role)
        elif column.key in seen_keys:
            problems.append(Problem("column-key-taken", column.pos, {"key": column.key}))
            ok = False
        else:
            seen_keys.add(column.key or "")
    if "measure" not in seen_roles:
        problems.append(Problem("column-measure-missing", pos))
        ok = False
    return columns if ok else None


def _column_values(f: Fields, columns: tuple[m.Column, ...]) -> tuple[tuple[str, str], ...]:
    """The values of the plan's extra columns in a measure (or a section's total row).

    Their keys are the plan's own, so the editor's schema admits any further string value."""
    if f.shape is not None:
        f.shape.more = scalar_schema(blank=False)
    values = []
    for column in columns:
        if column.key is None:
            continue
        value = f.str(column.key)
        if value is not None and _valid_value(f, column, value):
            values.append((column.key, value))
    return tuple(values)


def _valid_value(f: Fields, column: m.Column, value: str) -> bool:
    code = value_problem(column.role, value)
    if code is not None:
        args = {"key": f._name(column.key or ""), "value": value}
        if code == "value-mark":
            args["marks"] = "«+», «х», «✓»"
        f.problems.append(Problem(code, f.pos(column.key), args))
    return code is None


def _separator(f: Fields) -> str:
    value = f.read("responsible_separator", _literal, default=", ")
    return value if value is not None else ", "


def _numbering(f: Fields) -> m.Numbering:
    numbering = m.Numbering(
        sections=f.choice("sections", ("numbered", "unnumbered"), "numbered"),
        measures=f.choice("measures", ("hierarchical", "restart"), "hierarchical"),
        trailing_dot=f.bool("trailing_dot", False),
    )
    f.done()
    return numbering


def _optional_signature(f: Fields) -> m.Signature | None:
    return f.read("signature", lambda node, name, problems: _signature(node, problems, name))


def _section(node: Node, problems: list[Problem], columns: tuple[m.Column, ...]) -> m.Section | None:
    f = Fields(node, problems, "sections")
    if not f.ok:
        return None
    section = m.Section(
        title=f.str("title", required=True) or "",
        id=f.ident("id"),
        number=f.str("number"),
        numbered=f.bool("numbered", True),
        passport=f.list("passport", lambda n: _passport(n, problems)),
        measures=f.list("measures", lambda n: _measure(n, problems, 1, columns)),
        sections=f.list("sections", lambda n: _section(n, problems, columns)),
        total=_total(f, columns),
        pos=node.pos,
    )
    f.done()
    return section


def _passport(node: Node, problems: list[Problem]) -> m.PassportBlock | None:
    f = Fields(node, problems, "passport")
    if not f.ok:
        return None
    block = m.PassportBlock(f.str("label", required=True) or "", read_text(f, "text"), pos=node.pos)
    f.done()
    return block


def _total(f: Fields, columns: tuple[m.Column, ...]) -> tuple[tuple[str, str], ...]:
    sub = f.sub("total")
    if sub is None or not sub.ok:
        return ()
    values = _column_values(sub, columns)
    sub.done()
    return values


def _measure(node: Node, problems: list[Problem], depth: int,
             columns: tuple[m.Column, ...] = m.DEFAULT_COLUMNS) -> m.Measure | None:
    f = Fields(node, problems, "measures")
    if not f.ok:
        return None
    if depth > MAX_MEASURE_DEPTH:
        problems.append(Problem("nesting-too-deep", node.pos))
        return None
    measure = m.Measure(
        text=read_text(f, "text", required=True),
        deadline=f.str("deadline"),
        responsible=f.strings("responsible"),
        id=f.ident("id"),
        number=f.str("number"),
        note=f.str("note"),
        children=f.list("measures", lambda n: _measure(n, problems, depth + 1, columns)),
        values=_column_values(f, columns),
        responsible_separator=f.read("responsible_separator", _literal),
        reason=f.str("reason"),
        pos=node.pos,
    )
    f.done()
    return measure


# --- regulations ------------------------------------------------------------------------


def _regulation(f: Fields) -> m.Regulation:
    return m.Regulation(
        id=f.ident("id", required=True) or "",
        title=f.str("title", required=True) or "",
        trailing_dot=f.bool("trailing_dot", True),
        chapters=f.list("chapters", lambda n: _chapter(n, f.problems), required=True),
        signature=_optional_signature(f),
        edition=_edition(f),
        as_written=_as_written(f),
        pos=f.pos(),
    )


def _chapter(node: Node, problems: list[Problem]) -> m.Chapter | None:
    f = Fields(node, problems, "chapters")
    if not f.ok:
        return None
    chapter = m.Chapter(
        title=f.str("title", required=True) or "",
        text=read_text(f, "text"),
        clauses=f.list("clauses", lambda n: _clause(n, problems, 1)),
        number=f.str("number"),
        id=f.ident("id"),
        pos=node.pos,
    )
    f.done()
    return chapter


def _clause(node: Node, problems: list[Problem], depth: int) -> m.Clause | None:
    if depth > MAX_MEASURE_DEPTH:
        problems.append(Problem("nesting-too-deep", node.pos))
        return None
    if node.kind == "string":
        paragraph = _paragraph(node, "clauses", problems)
        return m.Clause(text=(paragraph,), pos=node.pos) if paragraph else None
    f = Fields(node, problems, "clauses")
    if not f.ok:
        return None
    clause = m.Clause(
        text=read_text(f, "text"),
        definitions=f.list("definitions", lambda n: _definition(n, problems)),
        clauses=f.list("clauses", lambda n: _clause(n, problems, depth + 1)),
        number=f.str("number"),
        id=f.ident("id"),
        pos=node.pos,
    )
    f.done()
    return clause


def _definition(node: Node, problems: list[Problem]) -> m.Definition | None:
    f = Fields(node, problems, "definitions")
    if not f.ok:
        return None
    definition = m.Definition(
        f.str("term", required=True) or "", f.str("definition", required=True) or "", pos=node.pos
    )
    f.done()
    return definition


# The reader of each kind of file (editor_schema.py runs them on probes to describe the format).
READERS = {"organization": _organization, "order": _order, "plan": _plan, "regulation": _regulation}


# --- cross references -------------------------------------------------------------------


def cross_check(dep: m.Department, where: dict[int, dict[str, Pos]] | None = None) -> list[Problem]:
    """Problems between files: ids, annex references, signatories, responsible units.

    `where` (from loading) places a problem with a top-level value at that value.
    """
    problems: list[Problem] = []
    org = dep.organization
    where = where or {}
    seen: dict[str, m.Document] = {}
    for doc in dep.documents:
        if doc.id in seen:
            args = {"id": doc.id, "other": _at(where, seen[doc.id], "id")}
            problems.append(Problem("id-duplicate", _at(where, doc, "id"), args))
        seen.setdefault(doc.id, doc)
    unit_names: dict[str, m.Unit] = {}
    for unit in org.units:
        if unit.name in unit_names:
            problems.append(Problem("unit-duplicate", unit.pos, {"name": unit.name}))
        unit_names.setdefault(unit.name, unit)
    signatories = dict(org.signatories)
    approved_by: dict[str, str] = {}
    for doc in dep.documents:
        if isinstance(doc, m.Order):
            signatory_pos = _at(where, doc, "signatory")
            problems += _check_order(doc, seen, signatories, approved_by, signatory_pos)
            problems += _check_amendment(doc, seen)
            problems += _check_seals(dep, doc)
            problems += _check_edition(doc, seen)
        else:
            problems += _check_edition(doc, seen)
            if isinstance(doc, m.Plan):
                problems += _check_plan(doc, unit_names)
    return problems


def _check_edition(doc, documents) -> list[Problem]:
    follows = doc.edition.follows
    if follows is None:
        return []
    seen, current = {doc.id}, documents.get(follows)
    while current is not None and current.edition.follows:
        if current.id in seen:
            return [Problem("edition-cycle", doc.pos)]
        seen.add(current.id)
        current = documents.get(current.edition.follows)
    previous = documents.get(follows)
    if previous is None:
        return [Problem("edition-unknown", doc.pos, {"id": follows, "suggestion": suggestion(follows, documents)})]
    if type(previous) is not type(doc):
        return [Problem("edition-kind", doc.pos, {"id": follows})]
    return []


def _check_amendment(order: m.Order, documents) -> list[Problem]:
    amendment = order.amendment
    if amendment is None:
        return []
    problems = []
    # An amendment changes a plan, a regulation or an order's own points (an edition of
    # the order that follows it); never the amending order itself.
    followed = {d.edition.follows for d in documents.values() if isinstance(d, m.Order)}
    editions = {k: d for k, d in documents.items()
                if not isinstance(d, m.Order) or d.edition.follows or k in followed}
    editions.pop(order.id, None)
    for edition_id in (amendment.old, amendment.new):
        if edition_id not in editions:
            hint = suggestion(edition_id, {k: d for k, d in editions.items() if k != edition_id})
            problems.append(Problem("edition-unknown", amendment.pos, {"id": edition_id, "suggestion": hint}))
    new = documents.get(amendment.new)
    if not problems and new.edition.follows != amendment.old:
        problems.append(Problem("edition-not-next", amendment.pos, {"new": amendment.new, "old": amendment.old}))
    return problems


def _check_seals(dep: m.Department, order: m.Order) -> list[Problem]:
    covered = set(seals.needed(dep, order))
    return [Problem("seal-foreign", seal.pos, {"id": seal.document}) for seal in order.sealed
            if seal.document not in covered]


def _check_order(order, documents, signatories, approved_by, signatory_pos) -> list[Problem]:
    problems = []
    if order.signatory not in signatories:
        hint = suggestion(order.signatory, signatories)
        args = {"key": order.signatory, "suggestion": hint}
        problems.append(Problem("signatory-unknown", signatory_pos, args))
    if order.edition.follows:
        return problems  # an edition of an order restates its annexes, approved once by the order
    for ref in order.annexes:
        target = documents.get(ref.document)
        if target is None:
            hint = suggestion(ref.document, documents)
            problems.append(Problem("annex-unknown", ref.pos, {"id": ref.document, "suggestion": hint}))
        elif isinstance(target, m.Order):
            problems.append(Problem("annex-not-annexable", ref.pos, {"id": ref.document, "kind": "приказ"}))
        elif ref.document in approved_by:
            problems.append(Problem("annex-twice", ref.pos, {"id": ref.document, "other": approved_by[ref.document]}))
        else:
            approved_by[ref.document] = order.id
    return problems


def _check_plan(plan: m.Plan, units: dict[str, m.Unit]) -> list[Problem]:
    problems = []
    ids: dict[str, Pos] = {}
    for node in plan.all_nodes():
        if node.id:
            if node.id in ids:
                problems.append(Problem("id-duplicate", node.pos, {"id": node.id, "other": ids[node.id]}))
            ids.setdefault(node.id, node.pos)
        for name in getattr(node, "responsible", ()):
            if name not in units:
                hint = suggestion(name, units)
                problems.append(Problem("unit-unknown", node.pos, {"name": name, "suggestion": hint}))
    return problems


# --- files ------------------------------------------------------------------------------


def _organization_folder(path: str) -> str | None:
    """The folder holding organization.yaml for this file or folder (itself or above)."""
    current = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    while True:
        if os.path.isfile(os.path.join(current, ORGANIZATION_FILE)):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def organization_home(path: str) -> str | None:
    """The organization folder this file or folder belongs to, if any."""
    return _organization_folder(path)


def organization_folders(paths: Iterable[str]) -> list[str]:
    """Folders that hold an organization, for a path that is a tree of several."""
    found = []
    for path in paths:
        if os.path.isdir(path) and _organization_folder(path) is None:
            before = len(found)
            for root, dirs, files in os.walk(path):
                dirs.sort()
                if ORGANIZATION_FILE in files:
                    found.append(root)
                    dirs.clear()
            if len(found) == before:  # not one organization: load() reports the folder
                found.append(path)
        else:
            found.append(path)
    return found


def _yaml_files(folder: str) -> list[str]:
    result = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        result += [os.path.join(root, n) for n in sorted(files) if n.endswith((".yaml", ".yml"))]
    return result


def _display(path: str) -> str:
    """Paths in messages: relative to the current folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative
