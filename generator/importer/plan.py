"""Blocks of a plan → a plan tree: title, note, sections with passports, measures.

The table's header row tells which column is which, whatever its wording; section rows
are merged rows, bold rows or rows with text only in the first cells; nesting comes from
the printed numbers. Tables continued across several Word tables, passport blocks and
notes between them are read in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..columns import value_problem
from . import shapes
from .read import Block, Cell, Para, Table, take
from .report import Report, at_cell, at_para, at_row, quote
from .text import clean, text_of

# Columns beyond the measure's own (generator/columns.py), recognised before the four
# below: «Дата начала» is a planned start, not a deadline; «Объём финансирования» an amount.
EXTRA_ROLE_PATTERNS = (
    ("start", re.compile(r"начал[оа]|^с$")),
    ("end", re.compile(r"окончани|завершени|^по$")),
    ("quarter", re.compile(r"^(?:[1-4]|i{1,3}|iv)\s*(?:-?й)?\s*кв")),
    ("funding_source", re.compile(r"источник")),
    ("amount", re.compile(r"объ[её]м|сумм[аы]|тыс\.?\s*руб|стоимост")),
)
LATE_ROLE_PATTERNS = (
    ("indicator", re.compile(r"показател|индикатор")),
    ("result", re.compile(r"результат|вид\w*\s+документ|форм\w*\s+(?:отч|заверш)")),
)
NOTE_COLUMN = re.compile(r"^примечани")
TOTAL_ROW = re.compile(r"^(?:итого|всего)\b", re.IGNORECASE)
QUARTER_NUMBERS = {"1": 1, "i": 1, "2": 2, "ii": 2, "3": 3, "iii": 3, "4": 4, "iv": 4}
ROLE_PATTERNS = (
    ("number", re.compile(r"^(№|n\b|no\b|номер)|п\s*/\s*п")),
    ("deadline", re.compile(r"срок|дата|период|когда")),
    ("responsible", re.compile(r"ответствен|исполнител|кто ")),
    ("text", re.compile(r"мероприят|наименовани|содержани|действи|вид\w* работ|направлени|задач")),
)
NOTE_TITLE = re.compile(r"^пояснительная записка\.?$", re.IGNORECASE)
LABEL = re.compile(r"^(.{2,120}?):$")


@dataclass
class MeasureNode:
    text: list
    deadline: str | None
    responsible: list[str]
    printed: str | None
    parts: tuple[int, ...] | None
    note: str | None = None
    children: list[MeasureNode] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # extra column key → cell text
    depth: int = 1


@dataclass
class SectionNode:
    title: str
    printed: str | None
    parts: tuple[int, ...] | None
    passport: list[dict] = field(default_factory=list)
    measures: list[MeasureNode] = field(default_factory=list)
    sections: list[SectionNode] = field(default_factory=list)
    stack: list[MeasureNode] = field(default_factory=list)  # open measures while reading
    total: dict[str, str] = field(default_factory=dict)  # a «Итого» row: extra column key → text


@dataclass
class PlanTree:
    title: str
    sections: list[SectionNode]
    columns: list  # four titles, or (role, title, key) of every column in table order
    note: dict | None = None
    table_title: str | None = None
    column_numbers: bool = False
    responsible_separator: str = ", "
    table_per_section: bool = False
    signature: dict | None = None


@dataclass
class Columns:
    roles: dict[int, str]  # grid column → number | text | deadline | responsible | note | extra:<role>:<header>
    header: list[str]  # header texts in row order
    width: int
    names: dict[str, str] = field(default_factory=dict)  # role → its header text

    def role(self, cell: Cell) -> str | None:
        for col in range(cell.col, cell.col + cell.span):
            if col in self.roles:
                return self.roles[col]
        return None


def header_of(table: Table) -> tuple[int, Columns] | None:
    """(row index, columns) of the first row that names the plan's columns."""
    for r, row in enumerate(table.rows[:4]):
        roles: dict[int, str] = {}
        names: dict[str, str] = {}
        for cell in row:
            role = _role(cell.text)
            if role:
                names.setdefault(role, clean(cell.text))
            for col in range(cell.col, cell.col + cell.span):
                roles[col] = role or f"extra:custom:{clean(cell.text)}"
        found = set(roles.values())
        if "text" in found and ({"deadline", "responsible"} & found) and _header_shaped(row):
            return r, Columns(roles, [clean(c.text) for c in row], table.width, names)
    return None


def _header_shaped(row: list[Cell]) -> bool:
    """Column titles are short and carry no measure number."""
    texts = [clean(c.text) for c in row if c.text and not c.continued]
    return all(len(t) <= 150 for t in texts) and not any(shapes.parse_number(t) for t in texts)


def _same_row(row: list[Cell], header: list[str]) -> bool:
    """A row that repeats the header: the same titles as a reader compares them, one of
    them perhaps retyped («№» for «№ п/п»), and no measure number."""
    texts, titles = [_fold(c.text) for c in row], [_fold(t) for t in header]
    if len(texts) != len(titles) or any(shapes.parse_number(c.text) for c in row if c.text):
        return False
    same = sum(a == b for a, b in zip(texts, titles))
    return same == len(titles) or (len(titles) >= 3 and same == len(titles) - 1)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w№]+", " ", clean(text).casefold()).split())


def _role(text: str) -> str | None:
    """number | text | deadline | responsible | note, or «extra:<role>:<header>» for a column
    of another role; None for a header that names none."""
    header = clean(text)
    text = header.lower()
    if not text:
        return None
    if NOTE_COLUMN.match(text):
        return "note"
    for role, pattern in EXTRA_ROLE_PATTERNS:
        if pattern.search(text):
            return f"extra:{role}:{header}"
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(text):
            return role
    for role, pattern in LATE_ROLE_PATTERNS:
        if pattern.search(text):
            return f"extra:{role}:{header}"
    return None


def is_plan(blocks: list[Block]) -> bool:
    return any(isinstance(b, Table) and header_of(b) for b in blocks)


# --- the whole plan --------------------------------------------------------------------


def parse_plan(blocks: list[Block], report: Report) -> PlanTree:
    reader = _PlanReader(report)
    return reader.read(blocks)


class _PlanReader:
    def __init__(self, report: Report):
        self.report = report
        self.sections: list[SectionNode] = []
        self.open: list[SectionNode] = []  # open sections, outermost first
        self.columns: Columns | None = None
        self.responsible_cells: list[str] = []
        self.pending: list[tuple[MeasureNode, str, str]] = []  # measure, responsible text, where
        self.table_starts: list[bool] = []  # per table: begins with a top-level section row
        self.mid_table_sections = False
        self.column_numbers = False
        self.extras: dict[str, int] = {}
        self.column_keys: dict[tuple[str, str], str] = {}  # (role, header) → key, in order met
        self._header_cells: list[Cell] = []

    def read(self, blocks: list[Block]) -> PlanTree:
        title, rest = _title(blocks, self.report)
        first_table = next(i for i, b in enumerate(rest) if isinstance(b, Table) and header_of(b))
        note, table_title, zone_start = self._preface(rest[:first_table])
        signature = None
        zone: list[Para] = []
        tail = rest[first_table:]
        self._zone(rest[zone_start:first_table])
        for block in tail:
            if isinstance(block, Para):
                zone.append(block)
                continue
            if self._fits(block):
                self._zone(zone)
                zone = []
                self._table(block)
                continue
            if shapes.signature_table(block):
                self._zone(zone)
                zone = []
                signature = shapes.signature_table(block)
                take(block)
                continue
            self._zone(zone)
            zone = []
            self._unmapped_table(block)
        signature = self._trailing(zone, signature)
        separator = self.separator
        for measure, text, _where in self.pending:
            measure.responsible = _units(text, separator)
        for header, count in self.extras.items():
            self.report.guess(
                "план",
                f"столбец «{header}» не входит в формат плана: его текст перенесён в "
                f"примечания мероприятий (note), ячеек: {count}",
            )
        return PlanTree(
            title=title,
            sections=self.sections,
            columns=self._plan_columns(),
            note=note,
            table_title=table_title,
            column_numbers=self.column_numbers,
            responsible_separator=separator,
            signature=signature,
            table_per_section=any(self.table_starts[1:]) and not self.mid_table_sections,
        )

    def _plan_columns(self) -> list:
        """The four titles of a plain plan, or every column with its role, in table order."""
        if not self.column_keys:
            return _four_columns(self.columns, self.report)
        builtin = {"number": "number", "text": "measure", "deadline": "deadline", "responsible": "responsible"}
        result, seen = [], set()
        for cell in self._header_cells:
            role = self.columns.roles.get(cell.col, "") if self.columns else ""
            if role in builtin and role not in seen:
                result.append((builtin[role], clean(cell.text), None))
            elif role.startswith("extra:") and role not in seen:
                kind, _, header = role[6:].partition(":")
                result.append((kind, header, self._column_key(kind, header)))
            seen.add(role)
        listed = {c[2] for c in result}
        result += [(kind, header, key) for (kind, header), key in self.column_keys.items() if key not in listed]
        return self._typed_columns(result)

    def _typed_columns(self, columns: list) -> list:
        """A column whose values its role does not allow is kept as typed (role custom), said."""
        values: dict[str, list[str]] = {}
        for measure in _all_measures(self.sections):
            for key, value in measure.values.items():
                values.setdefault(key, []).append(value)
        for section in _all_sections(self.sections):
            for key, value in section.total.items():
                values.setdefault(key, []).append(value)
        result = []
        for role, header, key in columns:
            if key is not None and role != "custom":
                wrong = next((v for v in values.get(key, []) if value_problem(role, v)), None)
                if wrong is not None:
                    self.report.guess(
                        "план",
                        f"графа «{header}»: значение {quote(wrong)} не подходит для роли "
                        f"{role}; графа перенесена как текст (role: custom)",
                    )
                    role = "custom"
                else:
                    self.report.guess("план", f"графа «{header}» перенесена с ролью {role}")
            result.append((role, header, key))
        order = {key: k for k, (_, _, key) in enumerate(result)}
        for node in (*_all_measures(self.sections), *_all_sections(self.sections)):
            held = node.values if isinstance(node, MeasureNode) else node.total
            ordered = sorted(held.items(), key=lambda item: order.get(item[0], len(order)))
            held.clear()
            held.update(ordered)  # in column order, as the loader keeps them
        return result

    # --- before the first table ----------------------------------------------------------

    def _preface(self, blocks: list[Block]) -> tuple[dict | None, str | None, int]:
        """The explanatory note and the table's title; the index where sections begin."""
        paras = [b for b in blocks if isinstance(b, Para)]
        for b in blocks:
            if isinstance(b, Table):
                self._unmapped_table(b)
        end = len(blocks)
        # a section with a passport may precede the first table: it starts at a heading
        # followed by a label («Цели: …»)
        for k, b in enumerate(blocks):
            if isinstance(b, Para) and _section_heading(b) and _next_is_label(blocks, k):
                end = k
                break
        zone = [b for b in blocks[:end] if isinstance(b, Para) and clean(b.text)]
        table_title = None
        if zone and shapes.heading_like(zone[-1]) and not NOTE_TITLE.match(clean(zone[-1].text)):
            if len(zone) == 1 or zone[-1].style != zone[-2].style or end < len(blocks) or _is_heading_style(zone[-1]):
                table_title = clean(zone[-1].text).replace("\n", " ")
                take(zone[-1])
                zone = zone[:-1]
        note = None
        if zone:
            note_title = None
            if NOTE_TITLE.match(clean(zone[0].text)) or (len(zone) > 1 and _is_heading_style(zone[0])):
                note_title = clean(zone[0].text)
                take(zone[0])
                zone = zone[1:]
            text = text_of(zone)
            if text:
                note = {"title": note_title, "text": text}
            elif note_title:
                self.report.unmapped(at_para(paras[0]), f"заголовок {quote(note_title)} без текста не перенесён")
        del paras
        return note, table_title, end

    # --- between tables: section headings with passports -----------------------------------

    def _zone(self, paras: list) -> None:
        paras = [p for p in paras if isinstance(p, Para) and clean(p.text)]
        k = 0
        while k < len(paras):
            para = paras[k]
            if _section_heading(para) and (k + 1 == len(paras) or _label(paras[k + 1])):
                printed, parts, title = shapes.split_number(para.text)
                self._add_section(SectionNode(title.replace("\n", " "), printed and shapes.stem(printed), parts))
                take(para)
                k += 1
                k = self._passport(paras, k)
                continue
            self.report.unmapped(at_para(para), f"текст между таблицами не относится к разделу: {quote(para.text)}")
            k += 1

    def _passport(self, paras: list[Para], k: int) -> int:
        section = self.open[-1]
        block: dict | None = None
        body: list[Para] = []

        def close() -> None:
            if block is not None:
                text = text_of(body)
                if block.get("_first"):
                    text.insert(0, block.pop("_first"))
                block.pop("_first", None)
                if text:
                    block["text"] = text
                section.passport.append(block)

        while k < len(paras):
            para = paras[k]
            label = _label(para)
            if label is not None:
                close()
                take(para)
                block, body = {"label": label[0]}, []
                if label[1]:
                    block["_first"] = label[1]
            elif block is None or (_section_heading(para) and k + 1 < len(paras) and _label(paras[k + 1])):
                break
            else:
                body.append(para)
            k += 1
        close()
        return k

    # --- tables --------------------------------------------------------------------------

    def _fits(self, table: Table) -> bool:
        """A plan table: with a header row, or continuing the previous one column for column."""
        if self.columns is None:
            return header_of(table) is not None
        if not table.rows or shapes.signature_table(table):
            return False
        return (
            table.width == self.columns.width
            or _same_row(table.rows[0], self.columns.header)
            or header_of(table) is not None
            or self._by_order(table, self.columns) is not None
        )

    def _by_order(self, table: Table, known: Columns) -> Columns | None:
        """A continuation table on another grid (Word or LibreOffice re-laid it out) with as
        many cells a row as the header of the `known` columns: its columns are the header's, in order."""
        count = len(known.header)
        full = [row for row in table.rows if len(row) == count]
        if not full or len(full) * 2 < len(table.rows):
            return None
        header_roles = [known.roles.get(c.col) for c in self._header_cells]
        roles: dict[int, str] = {}
        for cell, role in zip(full[0], header_roles):
            for col in range(cell.col, cell.col + cell.span):
                roles[col] = role or "extra:"
        return Columns(roles, known.header, table.width, known.names)

    def _table(self, table: Table) -> None:
        """The rows of one Word table of the plan. The first table's header names the columns;
        a later table's leading rows are a repeated header only if they repeat that header or
        carry Word's «repeat as header row» flag; never because of the words in a data row."""
        known = self.columns
        own_grid = known is not None and table.width != known.width and not _same_row(table.rows[0], known.header)
        found = header_of(table) if known is None or own_grid else None
        if found is not None:
            r, columns = found
            if known is not None:
                header = quote(" | ".join(columns.header), 120)
                self.report.guess(
                    at_row(table, r), f"шапка таблицы отличается от первой: {header}; столбцы сопоставлены заново"
                )
                columns = Columns(columns.roles, known.header, columns.width, known.names)
            else:
                self._header_cells = table.rows[r]
            self.columns = columns
            for skipped in range(r):
                self._unmapped_row(table, skipped)
            table.used.add(r)
            self._rows(table, r + 1, columns)
            return
        # _fits admits the first table only for its header row, found above
        assert known is not None
        if not own_grid:
            self._rows(table, 0, known)
            return
        by_order = self._by_order(table, known)
        # _fits admits a table on a grid of its own and without a header only when its cells
        # line up with the header's by order
        assert by_order is not None
        self.report.guess(
            at_row(table, 0), "таблица продолжает план, но размечена по-другому: столбцы сопоставлены по порядку ячеек"
        )
        self._rows(table, 0, by_order)

    def _rows(self, table: Table, start: int, columns: Columns) -> None:
        """The rows of a table from `start`, read under `columns`."""
        first_data = True
        for r in range(start, len(table.rows)):
            row = table.rows[r]
            if first_data and (
                r in table.repeat or _same_row(row, columns.header) or _column_numbers(row) or self._bold_header(row)
            ):
                self.column_numbers = self.column_numbers or _column_numbers(row)
                table.used.add(r)  # a repeated header, or the row of column numbers
                continue
            kind = self._row(table, r, row, columns)
            if kind:
                table.used.add(r)
            if kind == "top-section":
                if first_data:
                    self.table_starts.append(True)
                else:
                    self.mid_table_sections = True
            elif first_data and kind:
                self.table_starts.append(False)
            if kind:
                first_data = False

    def _bold_header(self, row: list[Cell]) -> bool:
        """A header worded otherwise at the top of a continuation table: it names the plan's
        columns and is set in bold throughout, as headers are and data rows are not."""
        cells = [c for c in row if c.text]
        return len(cells) >= 3 and all(c.bold for c in cells) and header_of(Table(0, [row])) is not None

    def _row(self, table: Table, r: int, row: list[Cell], known: Columns) -> str | None:
        values: dict[str, Cell] = {}
        extras: list[tuple[str, Cell]] = []
        columns: dict[str, str] = {}  # extra column key → text
        for cell in row:
            role = known.role(cell)
            kind, _, title = (role or "")[6:].partition(":") if (role or "").startswith("extra:") else ("", "", "")
            if kind:
                if cell.text:
                    columns[self._column_key(kind, title)] = " ".join(shapes.cell_lines(cell))
                continue
            if role is None or role in ("note", "extra:"):
                if cell.text:  # a «Примечание» column is the measure's own note
                    extras.append((known.names.get("note", "Примечание") if role == "note" else "", cell))
                continue
            if role in values and not values[role].text:
                values[role] = cell
                continue
            if role in values and cell.text and not cell.continued:
                # a second cell under one title (a header cell spanning «начало | окончание»): kept as a note
                extras.append((known.names.get(role, ""), cell))
                continue
            values.setdefault(role, cell)
        number_cell, text_cell = values.get("number"), values.get("text")
        deadline_cell, responsible_cell = values.get("deadline"), values.get("responsible")
        filled = [c for c in row if c.text]
        if not filled:
            return None
        if self._continues(number_cell, text_cell, deadline_cell, responsible_cell, table, r):
            return "continued"
        if columns and self.open and text_cell is not None and TOTAL_ROW.match(clean(text_cell.text)):
            self.open[-1].total.update(columns)  # «Итого по разделу» under its columns
            return "total"
        section = self._section_row(
            row, filled, number_cell, text_cell, deadline_cell, responsible_cell, extras or list(columns)
        )
        if section is not None:
            self._add_section(section)
            return "top-section" if len(self.open) == 1 else "section"
        measure = self._measure_row(table, r, number_cell, text_cell, deadline_cell, responsible_cell, extras)
        measure.values.update(columns)
        return "measure"

    def _column_key(self, kind: str, title: str) -> str:
        """The key a measure keeps an extra column's value under: the role's name («amount»),
        «q1»…«q4» for quarters, «custom1»… for columns of no known role; stable across the
        tables of one plan, as the header names them."""
        if (kind, title) in self.column_keys:
            return self.column_keys[(kind, title)]
        taken = set(self.column_keys.values())
        numeral = re.match(r"^\s*(iv|i{1,3}|[1-4])", title.lower()) if kind == "quarter" else None
        key = f"q{QUARTER_NUMBERS[numeral.group(1)]}" if numeral else kind if kind != "custom" else "custom1"
        n = 1
        while key in taken:
            n += 1
            key = f"{kind}{n}"
        self.column_keys[(kind, title)] = key
        return key

    def _section_row(self, row, filled, number_cell, text_cell, deadline_cell, responsible_cell, extras):
        if (deadline_cell and deadline_cell.text) or (responsible_cell and responsible_cell.text) or extras:
            merged = len(filled) == 1 and filled[0].span > 1
            if not merged:
                return None
        merged = len(filled) == 1 and (filled[0].span > 1 or len(row) == 1)
        number = shapes.parse_number(number_cell.text) if number_cell and number_cell.text else None
        if merged or (number_cell is filled[0] and len(filled) == 1):
            printed, parts, title = shapes.split_number(filled[0].text)
        elif text_cell is None or not text_cell.text:
            return None
        else:
            printed, parts = number if number else (None, None)
            title = clean(text_cell.text)
            if printed is None:
                printed, parts, title = shapes.split_number(title)
            bold = text_cell.bold
            if not bold and not self._section_by_number(parts, printed):
                return None
            if bold and parts and len(parts) > 1 and self._measure_parent(parts):
                return None
        return SectionNode(title.replace("\n", " "), printed and shapes.stem(printed), parts)

    def _section_by_number(self, parts, printed) -> bool:
        """A row with text only: a section unless its number is a measure's."""
        if printed is None:
            return True
        section = self.open[-1] if self.open else None
        if section is not None and section.measures:
            first = section.measures[0].parts
            if parts is None or first is None or len(first) == len(parts) or self._measure_parent(parts):
                return False
        return parts is None or len(parts) == 1

    def _measure_parent(self, parts) -> MeasureNode | None:
        section = self.open[-1] if self.open else None
        if section is None:
            return None
        for measure in reversed(section.stack):
            if measure.parts and len(measure.parts) < len(parts) and parts[: len(measure.parts)] == measure.parts:
                return measure
        return None

    def _continues(self, number_cell, text_cell, deadline_cell, responsible_cell, table, r) -> bool:
        """A row that goes on with the previous measure: merged cells, or a row split by a page."""
        section = self.open[-1] if self.open else None
        last = section.stack[-1] if section and section.stack else None
        if last is None:
            return False
        same_text = (
            text_cell is not None
            and text_cell.continued
            and (number_cell is None or number_cell.continued or not number_cell.text)
        )
        if same_text:
            for cell, attribute in ((deadline_cell, "deadline"), (responsible_cell, "responsible")):
                if cell is not None and cell.text and not cell.continued:
                    self._append(last, attribute, cell.text)
            return True
        if text_cell is None:
            return False
        split = (
            (number_cell is None or not number_cell.text)
            and text_cell.text
            and not (deadline_cell and deadline_cell.text)
            and not (responsible_cell and responsible_cell.text)
        )
        # a row split by a page goes on mid-sentence; a section row without a number does not
        opening = clean(text_cell.text)[:1]
        if split and last.printed is not None and not text_cell.bold and (opening.islower() or opening in "-–•"):
            last.text += text_of(text_cell.paras)
            self.report.guess(
                at_row(table, r),
                f"строка без номера, срока и исполнителей присоединена к предыдущему мероприятию {last.printed}",
            )
            return True
        return False

    def _append(self, measure: MeasureNode, attribute: str, text: str) -> None:
        if attribute == "deadline":
            measure.deadline = "\n".join(x for x in (measure.deadline, clean(text)) if x)
        else:
            self.pending.append((measure, text, ""))
            self.responsible_cells.append(text)

    def _measure_row(self, table, r, number_cell, text_cell, deadline_cell, responsible_cell, extras) -> MeasureNode:
        printed, parts = None, None
        if number_cell is not None and number_cell.text:
            parsed = shapes.parse_number(number_cell.text)
            if parsed:
                printed, parts = parsed
            else:
                self.report.unmapped(
                    at_cell(table, r, number_cell),
                    f"номер {quote(number_cell.text)} не распознан; мероприятие пронумеровано заново",
                )
        text = text_of(text_cell.paras) if text_cell is not None else []
        if not text:
            text = ["—"]
            self.report.unmapped(at_row(table, r), "у мероприятия нет наименования; вписано «—»")
        deadline = clean(deadline_cell.text) if deadline_cell is not None and deadline_cell.text else None
        measure = MeasureNode(text, deadline, [], printed, parts)
        if responsible_cell is not None and responsible_cell.text:
            self.pending.append((measure, responsible_cell.text, at_cell(table, r, responsible_cell)))
            self.responsible_cells.append(responsible_cell.text)
        if extras:
            measure.note = "; ".join(_extra(header, cell) for header, cell in extras)
            for header, _cell in extras:
                if not header.lower().startswith("примечан"):
                    self.extras[header or "без заголовка"] = self.extras.get(header or "без заголовка", 0) + 1
        if printed is None and number_cell is not None:
            self.report.guess(
                at_row(table, r), f"мероприятие {quote(shapes_text(text))} без номера: prikaz пронумерует его сам"
            )
        self._add_measure(measure, table, r)
        return measure

    def _add_measure(self, measure: MeasureNode, table: Table, r: int) -> None:
        if not self.open:
            self._add_section(SectionNode("Мероприятия", None, None))
            self.report.guess(at_row(table, r), "мероприятия до первого раздела помещены в раздел «Мероприятия»")
        section = self.open[-1]
        parent = self._measure_parent(measure.parts) if measure.parts else None
        while section.stack and section.stack[-1] is not parent:
            section.stack.pop()
        if parent is not None and parent.depth >= 3:
            self.report.unmapped(
                at_row(table, r),
                f"вложенность мероприятия {measure.printed} глубже трёх уровней: оно поставлено рядом с родительским",
            )
            while section.stack and section.stack[-1].depth >= 3:
                section.stack.pop()
            parent = section.stack[-2] if len(section.stack) >= 2 else None
        if parent is None:
            section.stack.clear()
            section.measures.append(measure)
        else:
            measure.depth = parent.depth + 1
            parent.children.append(measure)
        section.stack.append(measure)

    def _add_section(self, section: SectionNode) -> None:
        while self.open:
            top = self.open[-1]
            if (
                section.parts
                and top.parts
                and len(top.parts) < len(section.parts)
                and section.parts[: len(top.parts)] == top.parts
            ):
                top.sections.append(section)
                self.open.append(section)
                return
            self.open.pop()
        self.sections.append(section)
        self.open.append(section)

    # --- after the last table ------------------------------------------------------------

    def _trailing(self, paras: list[Para], signature: dict | None) -> dict | None:
        paras = [p for p in paras if clean(p.text)]
        if signature is None and paras:
            found = shapes.signature_paragraphs(paras)
            if found:
                take(*paras)
                return found
        if paras:
            self._zone(paras)
        return signature

    def _unmapped_table(self, table: Table) -> None:
        for r, _row in enumerate(table.rows):
            self._unmapped_row(table, r)

    def _unmapped_row(self, table: Table, r: int) -> None:
        text = " | ".join(c.text for c in table.rows[r] if c.text and not c.continued)
        if text:
            self.report.unmapped(at_row(table, r), f"строка не распознана как часть плана: {quote(text, 100)}")

    @property
    def separator(self) -> str:
        lines = sum("\n" in clean(t) for t in self.responsible_cells)
        commas = sum("," in _outside_brackets(t) and "\n" not in clean(t) for t in self.responsible_cells)
        return "\n" if lines > commas else ", "


# --- small helpers -----------------------------------------------------------------------


def _title(blocks: list[Block], report: Report) -> tuple[str, list[Block]]:
    """The plan's title: its first paragraph, or, when that is plain text and a heading on a
    new page follows (a note left under an order's signature, «Исп. …»), the heading."""
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
    head = [b for b in blocks[:first_table] if isinstance(b, Para)]  # all of them, up to the table
    texts = [i for i, para in enumerate(head) if clean(para.text)]
    heading = next((i for i in texts if shapes.heading_like(head[i])), None)
    if texts and heading is not None and heading > texts[0] and head[heading].page_break:
        for i in texts:
            if i < heading:
                report.unmapped(
                    at_para(head[i]), f"текст перед заголовком приложения не перенесён: {quote(head[i].text)}"
                )
        blocks = blocks[heading:]
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            return "", blocks[i:]
        if not clean(block.text):
            continue
        lines = [clean(block.text)]
        take(block)
        j = i + 1
        while j < len(blocks):
            nxt = blocks[j]
            if not isinstance(nxt, Para):
                break
            if not clean(nxt.text):
                j += 1
                continue
            same = (
                nxt.style == block.style
                and nxt.bold == block.bold
                and (block.bold or block.centered)
                and not _is_heading_style(block)
                and not NOTE_TITLE.match(clean(nxt.text))
            )
            before_table = j + 1 < len(blocks) and isinstance(blocks[j + 1], Table)
            one_word = len(lines) == 1 and len(lines[0].split()) <= 2  # «ПЛАН» / «мероприятий по …»
            if not same or len(lines) >= 4 or (before_table and not one_word):
                break
            lines.append(clean(nxt.text))
            take(nxt)
            j += 1
        return " ".join(" ".join(lines).split("\n")), blocks[j:]
    return "", []


def _is_heading_style(para: Para) -> bool:
    style = para.style.lower()
    return any(s in style for s in shapes.HEADING_STYLES)


def _section_heading(para: Para) -> bool:
    return shapes.heading_like(para) and not _label(para) and len(clean(para.text)) < 400


def _label(para: Para) -> tuple[str, str] | None:
    """«Цели: …» with a bold label, or a bold «Комплекс мер:» alone: (label, first text)."""
    text = clean(para.text)
    prefix = clean(para.bold_prefix)
    if prefix.endswith(":") and text.startswith(prefix) and len(prefix) < 120:
        return prefix[:-1].strip(), text[len(prefix) :].strip()
    alone = LABEL.match(text) if para.bold else None
    if alone:
        return alone.group(1).strip(), ""
    return None


def _next_is_label(blocks: list[Block], k: int) -> bool:
    for b in blocks[k + 1 :]:
        if isinstance(b, Table):
            return False
        if clean(b.text):
            return _label(b) is not None
    return False


def _column_numbers(row: list[Cell]) -> bool:
    texts = [clean(c.text) for c in row if clean(c.text)]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


def _four_columns(columns: Columns | None, report: Report) -> list[str]:
    if columns is None:
        return []
    defaults = {
        "number": "№ п/п",
        "text": "Наименование мероприятия",
        "deadline": "Срок исполнения",
        "responsible": "Ответственные исполнители",
    }
    names = []
    for role, default in defaults.items():
        text = columns.names.get(role)
        if not text:
            report.guess("план", f"в таблице нет столбца «{default}»: он будет напечатан с таким заголовком")
            text = default
        names.append(text)
    return names


def _all_measures(sections: list[SectionNode]):
    def walk(measures):
        for measure in measures:
            yield measure
            yield from walk(measure.children)

    for section in _all_sections(sections):
        yield from walk(section.measures)


def _all_sections(sections: list[SectionNode]):
    for section in sections:
        yield section
        yield from _all_sections(section.sections)


def _extra(header: str, cell: Cell) -> str:
    text = " ".join(shapes.cell_lines(cell))
    return f"{header}: {text}" if header and not header.lower().startswith("примечан") else text


def _outside_brackets(text: str) -> str:
    depth, out = 0, []
    for ch in text:
        if ch in '(«"“':
            depth += 1
        elif ch in ")»”" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _units(text: str, separator: str) -> list[str]:
    """The units of a responsible cell: one a line, or separated by commas."""
    units: list[str] = []
    for line in clean(text).split("\n"):
        parts = _split_commas(line) if separator == ", " else [line]
        for part in parts:
            name = part.strip().rstrip(",;").strip()
            if name:  # a repeated unit stays: it was printed twice, check reports it
                units.append(name)
    return units


def _split_commas(line: str) -> list[str]:
    """Parts of a line between commas; «Руководители, кураторы ГМО» stays one unit: a lone
    word followed by a part in lower case is the start of the same name."""
    merged: list[str] = []
    for part in _comma_parts(line):
        previous = merged[-1].strip() if merged else ""
        if previous and " " not in previous and not _abbreviation(previous) and part.strip()[:1].islower():
            merged[-1] = merged[-1] + "," + part
        else:
            merged.append(part)
    return merged


def _abbreviation(word: str) -> bool:
    return sum(ch.isupper() for ch in word) >= 2


def _comma_parts(line: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in line:
        if ch in "(«“":
            depth += 1
        elif ch in ")»”" and depth:
            depth -= 1
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def shapes_text(text: list) -> str:
    first = text[0] if text else ""
    return first if isinstance(first, str) else next(iter(first.values()), "")


__all__ = ["PlanTree", "SectionNode", "MeasureNode", "parse_plan", "is_plan"]
