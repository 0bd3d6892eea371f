

def test_the_settings_default_is_the_fresh_install_chain(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from moodify.music.presets import DEFAULT_PROVIDERS
    from moodify.settings import Settings

    assert tuple(Settings(data_dir=tmp_path).providers) == DEFAULT_PROVIDERS
