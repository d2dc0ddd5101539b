"""Readers: encodings, HTML, binary refusal, user mistakes as one-line errors."""
import codecs

import pytest

from rhetoric.errors import RhetoricError
from rhetoric.io.readers import decode, document_from_bytes, read_path

TEXT = "The minister said exports rose “sharply” in 2015."


def test_utf8_and_bom_and_utf16_read_the_same(tmp_path):
    variants = {
        "plain.txt": TEXT.encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        "utf16.txt": TEXT.encode("utf-16"),
        "utf16be.txt": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        doc = read_path(str(tmp_path / name))
        assert doc.text == TEXT, name
        assert "encoding_fallback" not in doc.meta
        assert doc.id == name


def test_cp1252_fallback_is_reported(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Café “quoted” text".encode("cp1252"))
    doc = read_path(str(path))
    assert doc.text == "Café “quoted” text"
    assert doc.meta["encoding_fallback"] == "cp1252"


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"PK\x03\x04rest", "ZIP"),
    (b"abc\x00\x01\x02def", "binary"),
])
def test_binary_input_is_refused(data, what):
    with pytest.raises(RhetoricError, match=what):
        decode(data, "file.bin")


def test_missing_directory_and_empty_are_user_errors(tmp_path):
    with pytest.raises(RhetoricError, match="no such file"):
        read_path(str(tmp_path / "missing.txt"))
    with pytest.raises(RhetoricError, match="is a directory"):
        read_path(str(tmp_path))
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(RhetoricError, match="empty"):
        read_path(str(tmp_path / "empty.txt"))


def test_html_main_text_is_extracted():
    html = ("<html><head><script>var x = 1;</script></head><body><nav>Home | About | Contact</nav>"
            "<article><p>The ambassador said that cooperation between the two countries had grown "
            "steadily over the past decade, in trade as well as in culture.</p>"
            "<p>Critics were less convinced and pointed to falling investment in the border regions.</p>"
            "</article></body></html>").encode("utf-8")
    doc = document_from_bytes(html, "page.html")
    assert "The ambassador said" in doc.text
    assert "Critics were less convinced" in doc.text
    assert "var x" not in doc.text


def test_html_is_recognised_without_suffix():
    html = b"<!DOCTYPE html><html><body><article><p>" + b"The spokesman said talks went well. " * 5 + \
        b"</p></article></body></html>"
    doc = document_from_bytes(html, "download")
    assert "<" not in doc.text and "spokesman" in doc.text
