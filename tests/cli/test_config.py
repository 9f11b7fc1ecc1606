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
