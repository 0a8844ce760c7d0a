"""Bytes → str: BOMs, declared charsets, undeclared GBK/Big5, and refusing binary junk."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.decode import decode
from govdisclosure.errors import DecodeError, InputError

FIXTURES = Path(__file__).parent / "fixtures"
SHUYANG = (FIXTURES / "real" / "shuyang_fgj_2023.html").read_text(encoding="utf-8")
SEED_000 = (FIXTURES / "seeds" / "000_8f17dc3a465f5641.txt").read_text(encoding="utf-8")
# Seed 002 is a traditional-script mirror: its first line is natural Big5 material.
SEED_002_TITLE = "臨湘市人民政府長安街道辦事處2019年度政府信息公開工作年度報告"
PARAGRAPH = SEED_000.split("\n\n")[3]


def test_utf8_page_decodes_as_utf8() -> None:
    text, codec = decode(SHUYANG.encode("utf-8"))
    assert (text, codec) == (SHUYANG, "utf-8")


def test_utf8_bom_is_removed() -> None:
    text, codec = decode(codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"))
    assert (text, codec) == (PARAGRAPH, "utf-8")


def test_utf16_bom_selects_utf16() -> None:
    text, codec = decode(codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"))
    assert (text, codec) == (PARAGRAPH, "utf-16-le")


def test_meta_charset_gb2312_is_read_as_gb18030() -> None:
    # 镕 is outside GB2312: only the GB18030 superset reads it.
    html = (
        f'<html><head><meta charset="gb2312"></head><body><p>朱镕基。{PARAGRAPH}</p></body></html>'
    )
    text, codec = decode(html.encode("gb18030"))
    assert codec == "gb18030"
    assert "朱镕基" in text


def test_http_equiv_content_charset_is_honoured() -> None:
    html = f'<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>{PARAGRAPH}</p>'
    assert decode(html.encode("gbk")) == (html, "gb18030")


def test_xml_declaration_is_honoured() -> None:
    xml = f'<?xml version="1.0" encoding="big5"?><p>{SEED_002_TITLE}</p>'
    assert decode(xml.encode("big5")) == (xml, "big5hkscs")


def test_stale_legacy_meta_on_utf8_bytes_reads_utf8() -> None:
    # A scraper re-encoded the page to UTF-8 but kept <meta charset=gb2312>.
    html = f'<meta charset="gb2312"><p>{PARAGRAPH}</p>'
    assert decode(html.encode("utf-8")) == (html, "utf-8")


def test_undeclared_gbk_bytes_decode_as_gb18030() -> None:
    assert decode(SEED_000.encode("gbk", errors="ignore"))[1] == "gb18030"


def test_undeclared_gbk_text_round_trips() -> None:
    assert decode(PARAGRAPH.encode("gbk"))[0] == PARAGRAPH


def test_undeclared_big5_bytes_decode_as_big5() -> None:
    assert decode(SEED_002_TITLE.encode("big5")) == (SEED_002_TITLE, "big5hkscs")


def test_one_stray_byte_is_tolerated_as_a_replacement_character() -> None:
    data = PARAGRAPH.encode("gbk") + b"\xff"
    text, codec = decode(data)
    assert codec == "gb18030"
    assert text == PARAGRAPH + "\ufffd"


def test_png_bytes_raise_decode_error() -> None:
    with pytest.raises(DecodeError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_nul_bytes_raise_decode_error() -> None:
    with pytest.raises(DecodeError, match="NUL"):
        decode(b"\x00\x01\x02binary\x00\xff")


def test_binary_error_names_the_encodings_ruled_out() -> None:
    with pytest.raises(DecodeError) as info:
        decode(bytes(range(256)) * 4)
    assert info.value.tried == ("utf-8", "gb18030", "big5hkscs")


def test_undecodable_bytes_say_what_was_tried() -> None:
    junk = bytes(range(0x80, 0x100)) * 8
    with pytest.raises(DecodeError) as info:
        decode(junk, source="junk.bin")
    assert info.value.tried == ("utf-8", "gb18030", "big5hkscs")
    assert info.value.context["source"] == "junk.bin"


def test_decode_error_is_an_input_error_and_a_value_error() -> None:
    with pytest.raises(InputError):
        decode(b"\x00")
    with pytest.raises(ValueError):
        decode(b"\x00")


@given(st.binary(max_size=2048))
def test_arbitrary_bytes_give_text_or_decode_error(data: bytes) -> None:
    try:
        text, codec = decode(data)
    except DecodeError:
        return
    assert isinstance(text, str)
    assert codecs.lookup(codec)
