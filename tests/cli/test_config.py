from pathlib import Path

from klimaviden.config import resolve_settings


def test_defaults_are_corpus_and_var_index():
    settings = resolve_settings(environ={})
    assert settings.corpus == Path("corpus")
    assert settings.index == Path("var/index")


def test_environment_overrides_defaults():
    env = {"KLIMAVIDEN_CORPUS": "/data/c", "KLIMAVIDEN_INDEX": "/data/i"}
    settings = resolve_settings(environ=env)
    assert settings.corpus == Path("/data/c")
    assert settings.index == Path("/data/i")


def test_options_override_environment():
    env = {"KLIMAVIDEN_CORPUS": "/data/c", "KLIMAVIDEN_INDEX": "/data/i"}
    settings = resolve_settings("mine/corpus", "mine/index", environ=env)
    assert settings.corpus == Path("mine/corpus")
    assert settings.index == Path("mine/index")


def test_data_folder_and_ocr_default_to_var_data_and_on():
    settings = resolve_settings(environ={})
    assert settings.data == Path("var/data") and settings.ocr is True


def test_environment_sets_data_folder_and_turns_ocr_off():
    for off in ("0", "false", "no", "off"):
        settings = resolve_settings(environ={"KLIMAVIDEN_DATA": "/data/d", "KLIMAVIDEN_OCR": off})
        assert settings.data == Path("/data/d") and settings.ocr is False
    assert resolve_settings(environ={"KLIMAVIDEN_OCR": "1"}).ocr is True


def test_no_ocr_option_beats_environment():
    settings = resolve_settings(environ={"KLIMAVIDEN_OCR": "1", "KLIMAVIDEN_DATA": "/data/d"}, data="mine/data", ocr=False)
    assert settings.data == Path("mine/data") and settings.ocr is False
