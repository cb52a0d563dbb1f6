import csv
import io

from bot.escalations.export import csv_text


def test_csv_has_a_bom_crlf_and_round_trips_japanese_commas_and_quotes():
    text = csv_text(["受付番号", "内容"], [["20261201-0001-AAAA", 'ソファ、"大きい"\n2台']])
    assert text.startswith("\ufeff受付番号,内容\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["受付番号", "内容"], ["20261201-0001-AAAA", 'ソファ、"大きい"\n2台']]


def test_text_excel_would_run_as_a_formula_is_defused():
    text = csv_text(["内容"], [['=HYPERLINK("http://evil.example","x")'], ["+81 90"], ["@SUM(A1)"], ["-1"], ["普通"]])
    cells = [row[0] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))][1:]
    assert cells == ['\'=HYPERLINK("http://evil.example","x")', "'+81 90", "'@SUM(A1)", "'-1", "普通"]
