from search.text import SYNONYMS, analyse, like_escape


def test_folding_removes_diacritics_and_d_stroke():
    assert analyse("Điện CÔNG nghiệp").folded == "dien cong nghiep"
    assert analyse("  ô   tô ").variants[0].exact == "ô tô"


def test_synonyms_add_variants_after_what_was_typed():
    variants = analyse("CNTT").variants
    assert variants[0].words == ("cntt",)
    assert variants[1].exact == "công nghệ thông tin"
    cooking = [variant.exact for variant in analyse("học nấu ăn").variants]
    assert cooking[0] == "học nấu ăn"
    assert "hoc kỹ thuật chế biến món ăn".replace("hoc ", "") not in cooking[:1]
    assert any("che bien mon an" in variant.folded for variant in analyse("nấu ăn").variants)


def test_synonym_keys_are_folded_words():
    for key in SYNONYMS:
        assert key == " ".join(analyse(key).variants[0].words)


def test_nothing_searchable():
    assert analyse("!!! ???").unusable
    assert analyse("").empty
    assert not analyse("").unusable


def test_like_escape():
    assert like_escape("50%_\\") == "50\\%\\_\\\\"
