"""Document assembly and the way back from normalised text to the source."""

from __future__ import annotations

from typing import Any

import attrs

from govdisclosure.document import DocumentBuilder, Piece
from govdisclosure.offsets import rewrite


def _piece(
    raw: str,
    edits: list[tuple[int, int, str]],
    *,
    raw_start: int | None = None,
    path: str | None = None,
) -> Piece:
    text, omap = rewrite(raw, edits)
    return Piece(text=text, raw=raw, map=omap, raw_start=raw_start, path=path, fixes=("demo",))


def test_blocks_are_joined_by_newlines_with_their_spans() -> None:
    b = DocumentBuilder(source_kind="text")
    b.add_text(Piece.verbatim("一、总体情况"), kind="heading")
    b.add_text(Piece.verbatim("全年收到申请3件。"))
    doc = b.build()
    assert doc.text == "一、总体情况\n全年收到申请3件。"
    heading, para = doc.blocks
    assert (heading.kind, para.kind) == ("heading", "paragraph")
    assert doc.text[para.start : para.end] == para.text


def test_empty_pieces_are_skipped() -> None:
    b = DocumentBuilder(source_kind="text")
    assert b.add_text(Piece.verbatim("   ")) is None
    assert b.build().blocks == ()


def test_locate_maps_a_repaired_span_back_into_the_original_input() -> None:
    raw = "本報(bào)告共收到申請(qǐng)3件"
    b = DocumentBuilder(source_kind="text")
    b.add_text(Piece.verbatim("標題", raw_start=0))
    piece = _piece(raw, [(2, 7, ""), (11, 17, "")], raw_start=100)
    b.add_text(piece)
    doc = b.build()
    start = doc.text.index("3")
    loc = doc.locate(start, start + 1)
    assert loc.raw == "3"
    assert (loc.start, loc.end) == (100 + raw.index("3"), 100 + raw.index("3") + 1)


def test_locate_in_html_gives_the_element_path() -> None:
    b = DocumentBuilder(source_kind="html")
    b.add_table(
        [
            [
                Piece.verbatim("行政许可", path="/html/body/table/tr[3]/td[1]"),
                Piece.verbatim("97", path="/html/body/table/tr[3]/td[2]"),
            ]
        ],
        layout="grid",
    )
    doc = b.build()
    cell = doc.tables[0].rows[0][1]
    loc = doc.locate(cell.start, cell.end)
    assert (loc.path, loc.raw, loc.start) == ("/html/body/table/tr[3]/td[2]", "97", 0)


def test_table_cells_carry_grid_spans_and_the_grid_expands_them() -> None:
    b = DocumentBuilder(source_kind="html")
    b.add_table(
        [
            [Piece.verbatim("信息内容"), Piece.verbatim("本年处理决定数量")],
            [Piece.verbatim("行政许可"), Piece.verbatim("5")],
        ],
        layout="grid",
        spans=[[(0, 0, 1, 1), (0, 1, 1, 3)], [(1, 0, 1, 1), (1, 1, 1, 3)]],
    )
    table = b.build().tables[0]
    assert table.n_cols == 4
    grid = table.grid()
    assert grid[1][3] is not None
    assert grid[1][3].text == "5"


def test_provenance_carries_both_spans() -> None:
    b = DocumentBuilder(source_kind="text")
    b.add_text(Piece.verbatim("全年收到申请3件", raw_start=40))
    doc = b.build()
    i = doc.text.index("3")
    prov = doc.provenance("applications.new_received.total", i, i + 1)
    assert (prov.start, prov.source_start, prov.raw) == (i, 40 + i, "3")


def test_marks_are_lifted_into_document_offsets() -> None:
    from govdisclosure.document import Mark

    b = DocumentBuilder(source_kind="text")
    b.add_text(Piece.verbatim("标题"))
    spam = Piece(
        text="365足球即时比分门户网站",
        raw="365足球即时比分门户网站",
        map=rewrite("365足球即时比分门户网站", [])[1],
        marks=(Mark(kind="spam", start=0, end=9),),
    )
    b.add_text(spam)
    doc = b.build()
    (mark,) = doc.marks
    assert doc.text[mark.start : mark.end] == "365足球即时比分"


def test_runs_locate_as_the_pieces_they_cut() -> None:
    line = "行政许可 97 件"
    whole = Piece.verbatim("标题\n" + line, raw_start=0)
    parts = [(3, 7), (8, 10), (11, 12)]
    by_runs = DocumentBuilder(source_kind="text")
    by_runs.add_text_run((whole, 0, 2), kind="heading")
    by_runs.add_table_runs([[(whole, a, b) for a, b in parts]], layout="pdf")
    by_pieces = DocumentBuilder(source_kind="text")
    by_pieces.add_text(Piece.verbatim("标题", raw_start=0), kind="heading")
    by_pieces.add_table(
        [[Piece.verbatim(whole.text[a:b], raw_start=a) for a, b in parts]], layout="pdf"
    )
    one, other = by_runs.build(), by_pieces.build()
    assert one.text == other.text == "标题\n行政许可\t97\t件"
    assert one.blocks == other.blocks
    assert one.source_text() == other.source_text() == "标题\n行政许可\n97\n件"
    n = len(one.text)
    for start in range(n + 2):
        for end in range(start, n + 2):
            assert one.locate(start, end) == other.locate(start, end), (start, end)


def test_marks_of_a_run_are_cut_to_it() -> None:
    from govdisclosure.document import Mark

    text = "标题365足球即时比分门户网站"
    piece = Piece(
        text=text,
        raw=text,
        map=rewrite(text, [])[1],
        marks=(Mark(kind="spam", start=2, end=11, note="n"),),
    )
    b = DocumentBuilder(source_kind="text")
    b.add_text_run((piece, 0, 2))
    b.add_text_run((piece, 5, 15))
    doc = b.build()
    (mark,) = doc.marks
    assert doc.text[mark.start : mark.end] == "足球即时比分"
    assert (mark.kind, mark.note) == ("spam", "n")


def test_builder_objects_equal_their_keyword_construction() -> None:
    from govdisclosure.document import Block, Cell, Table
    from govdisclosure.model import Provenance

    b = DocumentBuilder(source_kind="html")
    b.add_text(Piece.verbatim("一、总体情况", path="/p[1]"), kind="heading")
    b.add_table(
        [[Piece.verbatim("行政许可"), Piece.verbatim("97")]],
        layout="grid",
        spans=[[(0, 0, 2, 1), (0, 1, 1, 3)]],
        path="/table",
    )
    doc = b.build()
    heading, table = doc.blocks
    assert heading == Block(kind="heading", text="一、总体情况", start=0, end=6, path="/p[1]")
    cells = (
        Cell(text="行政许可", start=7, end=11, row=0, col=0, rowspan=2, colspan=1),
        Cell(text="97", start=12, end=14, row=0, col=1, rowspan=1, colspan=3),
    )
    assert table == Block(
        kind="table",
        text="行政许可\t97",
        start=7,
        end=14,
        table=Table(rows=(cells,), layout="grid"),
        path="/table",
    )
    prov = doc.provenance("k", 12, 14, approximate=True, blank="dash", note="n")
    assert prov == Provenance(
        key="k",
        start=12,
        end=14,
        raw="97",
        source_start=0,
        source_end=2,
        source_path=None,
        approximate=True,
        blank="dash",
        note="n",
    )
    assert attrs.evolve(prov, key="j").key == "j"


def test_the_fast_construction_path_makes_what_the_constructor_makes() -> None:
    import pickle

    import pytest

    from govdisclosure.document import (
        _BLOCK_DRAFT,
        _CELL_DRAFT,
        _PROVENANCE_DRAFT,
        Block,
        Cell,
        Table,
        _block,
        _draft_class,
    )
    from govdisclosure.extract.tables import _figure
    from govdisclosure.facts import Figure
    from govdisclosure.model import Provenance

    prov_fields: dict[str, Any] = {
        "key": "k",
        "start": 1,
        "end": 2,
        "raw": "r",
        "source_start": 3,
        "source_end": 4,
        "source_path": "/p",
        "approximate": True,
        "blank": "dash",
        "note": "n",
    }
    cell_fields: dict[str, Any] = {
        "text": "t",
        "start": 1,
        "end": 2,
        "row": 3,
        "col": 4,
        "rowspan": 5,
        "colspan": 6,
    }
    table = Table(rows=((Cell(**cell_fields),),), layout="pdf")
    block_fields: dict[str, Any] = {
        "kind": "table",
        "text": "t",
        "start": 1,
        "end": 2,
        "table": table,
        "path": "/t",
    }
    from govdisclosure.document import Mark
    from govdisclosure.normalization import _PIECE_DRAFT
    from govdisclosure.offsets import OffsetMap

    piece_fields: dict[str, Any] = {
        "text": "t",
        "raw": "rr",
        "map": OffsetMap.identity(2),
        "raw_start": 7,
        "path": "/q",
        "marks": (Mark(kind="spam", start=0, end=1),),
        "fixes": ("strip_gloss",),
    }
    prov = Provenance(**prov_fields)
    cases: list[tuple[type[Any], type, dict[str, Any]]] = [
        (Provenance, _PROVENANCE_DRAFT, prov_fields),
        (Cell, _CELL_DRAFT, cell_fields),
        (Block, _BLOCK_DRAFT, block_fields),
    ]
    for cls, draft, fields in cases:
        # The fields are all set, none to its default, so a missed one would show.
        assert set(fields) == {f.name for f in attrs.fields(cls)}
        new: Any = object.__new__(draft)
        for name, value in fields.items():
            setattr(new, name, value)
        new.__class__ = cls
        made = cls(**fields)
        assert type(new) is cls
        assert new == made
        assert hash(new) == hash(made)
        assert repr(new) == repr(made)
        assert attrs.asdict(new) == attrs.asdict(made)
        assert pickle.loads(pickle.dumps(new)) == made
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            new.start = 0
    # Piece compares by identity (eq=False): compare it field by field.
    assert set(piece_fields) == {f.name for f in attrs.fields(Piece)}
    piece: Any = object.__new__(_PIECE_DRAFT)
    for name, value in piece_fields.items():
        setattr(piece, name, value)
    piece.__class__ = Piece
    assert type(piece) is Piece
    assert attrs.asdict(piece, recurse=False) == piece_fields
    assert repr(piece) == repr(Piece(**piece_fields))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        piece.text = ""
    assert _block(**block_fields) == Block(**block_fields)
    assert type(_block(**block_fields)) is Block
    fig = _figure("k", 3, prov)
    assert type(fig) is Figure
    assert fig == Figure(key="k", value=3, provenance=prov)

    @attrs.frozen
    class Checked:
        n: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen(slots=False)
    class Unslotted:
        n: int

    @attrs.frozen
    class PostInit:
        n: int

        def __attrs_post_init__(self) -> None:
            pass

    for cls in (Checked, Unslotted, PostInit):
        with pytest.raises(TypeError):
            _draft_class(cls)


def test_provenances_of_many_spans_are_those_of_each() -> None:
    import random

    from govdisclosure.document import Cell
    from govdisclosure.model import BlankKind

    whole = Piece.verbatim("标题\n行政许可 97 件\n其他 3", raw_start=5)
    b = DocumentBuilder(source_kind="text")
    b.add_text_run((whole, 0, 2), kind="heading")
    b.add_table_runs([[(whole, 3, 7), (whole, 8, 10), (whole, 11, 12)]], layout="pdf")
    b.add_text(_piece("ab報(bào)告cd", [(3, 8, "")], raw_start=40))
    b.add_table_runs([[(whole, 13, 15), (whole, 16, 17)]], layout="pdf")
    doc = b.build()
    n = len(doc.text)
    spans = [(s, e) for s in range(n + 2) for e in range(s, n + 2)]
    rng = random.Random(6)
    for trial in range(200):
        picked = rng.sample(spans, rng.randint(0, 8))
        if trial % 2:
            picked.sort()  # the table reader's case: spans in document order
        cells = [Cell(text="", start=s, end=e, row=0, col=0) for s, e in picked]
        keys = [f"k{i}" for i in range(len(cells))]
        blanks: list[BlankKind | None] = [None if rng.random() < 0.5 else "dash" for _ in cells]
        assert doc._provenances(keys, cells, blanks, "n") == [
            doc.provenance(k, c.start, c.end, blank=bl, note="n")
            for k, c, bl in zip(keys, cells, blanks, strict=True)
        ]
    assert DocumentBuilder(source_kind="text").build()._provenances([], [], []) == []
