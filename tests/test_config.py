"""The settings file: round trip, bad values named and defaulted, careful writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoterm import config
from infoterm.settings import Settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert config.load(tmp_path / "none.toml") == (Settings(), [])


def test_round_trip_of_every_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    chosen = Settings(
        theme="nord",
        meeting_default_minutes=19,
        meeting_wrapup_lead_minutes=2.5,
        meeting_bell=False,
        followups_checkin_weeks=8,
        followups_nudge_days=5,
        ui_start_screen="review",
        ui_dates="absolute",
        me_name="Sam Rivera",
        me_signature='Best,\nSam "the seeker"',
        keys={"new-contact": "N", "move-next": "ctrl+right,L"},
    )
    config.save(path, chosen)
    assert config.load(path) == (chosen, [])
    config.save(path, Settings())  # back to defaults: the values leave the file
    assert config.load(path) == (Settings(), [])


def test_bad_values_name_the_key_and_fall_back_to_that_default(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "nrod"\n'
        '[meeting]\ndefault_minutes = 0\nwrapup_lead_minutes = 3\nbell = "loud"\n'
        "[followups]\ncheckin_weeks = 4\nnudge_days = 2.5\n"
        '[ui]\ndates = "sometimes"\nstart_screen = "review"\n'
        "[me]\nname = 42\n"
        '[keys]\nnew-contact = "ctrl+"\nfilter = "f"\n'
        "[mystery]\nanswer = 42\n"
    )
    settings, warnings = config.load(path)
    assert settings == Settings(
        meeting_wrapup_lead_minutes=3.0,
        followups_checkin_weeks=4,
        ui_start_screen="review",
        keys={"filter": "f"},
    )
    text = "\n".join(warnings)
    for key in (
        "theme",
        "meeting.default_minutes",
        "meeting.bell",
        "followups.nudge_days",
        "ui.dates",
        "me.name",
        "keys.new-contact",
        "mystery.answer",
    ):
        assert f": {key}" in text or f"'{key}'" in text, key
    assert len(warnings) == 8
    assert "did you mean nord?" in text
    assert (
        "meeting.default_minutes: 0 is out of range: use 1 to 240 minutes; using the default (20)"
        in text
    )


def test_a_file_that_is_not_toml_gives_defaults_and_one_clear_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n[meeting\n")
    settings, warnings = config.load(path)
    assert settings == Settings()
    assert len(warnings) == 1 and "is not valid TOML" in warnings[0] and str(path) in warnings[0]


def test_writing_keeps_comments_and_refuses_bad_values_untouched(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"  # dark rooms\n\n[meeting]\n# 19 works\nbell = false\n')
    config.set_values(path, {"meeting.default_minutes": 19, "theme": "dracula"})
    text = path.read_text()
    assert "# mine" in text and "# 19 works" in text and "# dark rooms" in text
    assert config.load(path)[0] == Settings(
        theme="dracula", meeting_default_minutes=19, meeting_bell=False
    )
    before = path.read_text()
    with pytest.raises(config.ConfigError, match="meeting.default_minutes"):
        config.set_values(path, {"theme": "nord", "meeting.default_minutes": 999})
    with pytest.raises(config.ConfigError, match="unknown setting 'meeting.length'"):
        config.set_values(path, {"meeting.length": 19})
    assert path.read_text() == before


def test_a_new_file_explains_itself(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    config.set_values(path, {"theme": "nord"})
    text = path.read_text()
    assert text.startswith("# infoterm settings")
    assert config.load(path) == (Settings(theme="nord"), [])


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("meeting.default_minutes", "19", 19),
        ("meeting.wrapup_lead_minutes", "1.5", 1.5),
        ("meeting.bell", "off", False),
        ("meeting.bell", "Yes", True),
        ("ui.dates", "absolute", "absolute"),
        ("me.signature", "Best,\\nSam", "Best,\nSam"),
        ("me.goal", "Platform work\\nhow on-call works", "Platform work\nhow on-call works"),
        ("me.new_email", "sam@new.example", "sam@new.example"),
        ("keys.new-contact", "ctrl+n, N", "ctrl+n,N"),
    ],
)
def test_values_typed_in_a_shell(key: str, text: str, value: object) -> None:
    assert config.parse_text(key, text) == value


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("meeting.default_minutes", "twenty"),
        ("meeting.default_minutes", "241"),
        ("meeting.bell", "maybe"),
        ("ui.start_screen", "stats"),
        ("theme", "solarised"),
        ("keys.new-contact", "hyper+"),
        ("keys.new-contact", "two words"),
    ],
)
def test_bad_values_typed_in_a_shell(key: str, text: str) -> None:
    with pytest.raises(config.ConfigError, match=key.replace("+", r"\+")):
        config.parse_text(key, text)


def test_theme_list_matches_textual() -> None:
    from textual.theme import BUILTIN_THEMES

    assert sorted(BUILTIN_THEMES) == list(config.THEMES)


def test_the_default_meeting_length_accepts_exactly_what_a_meeting_accepts() -> None:
    from infoterm.meeting import MAX_MINUTES, MIN_MINUTES

    key = "meeting.default_minutes"
    assert config.parse_text(key, str(MIN_MINUTES)) == MIN_MINUTES
    assert config.parse_text(key, str(MAX_MINUTES)) == MAX_MINUTES
    for outside in (MIN_MINUTES - 1, MAX_MINUTES + 1):
        with pytest.raises(config.ConfigError):
            config.parse_text(key, str(outside))


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf[meeting]\nbell = false\n")
    settings, warnings = config.load(path)
    assert warnings == [] and settings.meeting_bell is False
    config.set_values(path, {"meeting.default_minutes": 19})
    assert config.load(path)[0].meeting_default_minutes == 19


@pytest.mark.parametrize("text", ['meeting = "x"\n', "meeting = 3\n", "keys = [1, 2]\n"])
def test_a_table_of_the_wrong_type_is_reported_by_key_and_config_set_still_works(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text + 'theme = "nord"\n')
    settings, warnings = config.load(path)
    assert settings.theme == "nord" and settings.meeting_bell is True
    assert len(warnings) == 1 and ": expected a table ([" in warnings[0]
    config.set_values(path, {"meeting.bell": False})
    settings, _ = config.load(path)
    assert settings.meeting_bell is False and settings.theme == "nord"


def test_deep_nesting_is_reported_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[meeting.a.b.c]\nx = 1\n[ui]\ndates = "absolute"\n')
    settings, warnings = config.load(path)
    assert settings.ui_dates == "absolute"
    assert any("meeting.a.b" in w for w in warnings)
    path.write_text("a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n")
    settings, warnings = config.load(path)
    assert settings == type(settings)() and len(warnings) == 1
    with pytest.raises(config.ConfigError):
        config.set_values(path, {"meeting.bell": False})


@pytest.mark.parametrize(
    ("key", "text", "said"),
    [
        ("me.name", "Sam\x1b]0;pwned\x07", "control character U+001B"),
        ("me.name", "Sam\nLee", "line break U+000A"),
        ("me.name", "Sam\tLee", "control character U+0009"),
        ("me.new_email", "sam@new.example\x9b2J", "control character U+009B"),
        ("me.new_phone", "+44\x00", "control character U+0000"),
        ("me.new_linkedin", "https://x\r", "line break U+000D"),
        ("me.goal", "Platform work\x1b[2J", "control character U+001B"),
        ("me.goal", "Platform\rwork", "control character U+000D"),
        ("me.signature", "Best,\x07", "control character U+0007"),
    ],
)
def test_text_settings_refuse_control_characters(key: str, text: str, said: str) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse_text(key, text)
    assert str(caught.value) == f"{key}: {said} is not allowed"


def test_multi_line_settings_keep_their_lines_and_tabs(tmp_path: Path) -> None:
    assert config.parse_text("me.goal", "one\ttwo\\nthree") == "one\ttwo\nthree"
    path = tmp_path / "config.toml"
    path.write_text('[me]\nsignature = "Best,\\r\\n\\tSam"\nname = "Sam\\u001b]0;x\\u0007"\n')
    settings, warnings = config.load(path)
    assert settings.me_signature == "Best,\r\n\tSam"  # a CRLF is a line break too
    assert settings.me_name == ""
    assert len(warnings) == 1
    assert warnings[0].endswith(
        ": me.name: control character U+001B is not allowed; using the default ()"
    )


def test_the_option_table_is_the_settings_fields() -> None:
    """Each key is written once, as a Settings field (its metadata: help and checker)."""
    from dataclasses import fields

    names = [f.name for f in fields(Settings) if f.name != "keys"]
    assert [o.attr for o in config.OPTIONS] == names
    assert [o.key for o in config.OPTIONS] == [n.replace("_", ".", 1) for n in names]


def test_the_holidays_country_is_checked_by_form_on_load_and_by_the_package_when_typed(
    tmp_path: Path,
) -> None:
    """Reading the file stays cheap (no holidays package at start-up): only the code's
    form is checked there; a value typed in a shell or the settings screen must be a
    country (or subdivision) the package knows."""
    path = tmp_path / "config.toml"
    path.write_text('[followups]\nholidays = "gb-eng"\n')
    assert config.load(path) == (Settings(followups_holidays="GB-ENG"), [])
    path.write_text('[followups]\nholidays = "Great Britain"\n')
    settings, warnings = config.load(path)
    assert settings.followups_holidays == ""
    assert len(warnings) == 1 and "followups.holidays: expected an ISO country" in warnings[0]
    assert config.parse_text("followups.holidays", " us ") == "US"
    assert config.parse_text("followups.holidays", "") == ""
    with pytest.raises(config.ConfigError, match="followups.holidays: 'XX' is not a country"):
        config.parse_text("followups.holidays", "XX")
    config.set_values(path, {"followups.holidays": "DE"})
    assert config.load(path)[0].followups_holidays == "DE"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("sam@newmail", "email should look like name@example.org"),
        ("sam.newmail.example", "email must contain @"),
    ],
)
def test_the_new_email_setting_is_checked_like_a_contacts_email(text: str, said: str) -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse_text("me.new_email", text)
    assert str(caught.value) == f"me.new_email: {said}"
    assert config.parse_text("me.new_email", "") == ""  # empty: not set
