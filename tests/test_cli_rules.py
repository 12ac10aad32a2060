"""The rules commands: show and check."""

from hubpartner import rules


def test_rules_show_prints_a_loadable_rule_set(cli):
    code, out, _ = cli("rules show --date 2024-06-01")
    assert code == 0
    assert rules.loads(out) == rules.published()[1]


def test_rules_check_accepts_a_good_file(cli, tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(rules.dumps(rules.published()[0]), encoding="utf-8")
    code, out, _ = cli("rules check", str(path))
    assert code == 0
    assert (
        out.strip() == f"{path}: ok, rules effective July 18, 2022 "
        "(Solutions Partner Program points, 2022-07-18)"
    )


def test_rules_check_reports_every_problem_one_per_line(cli, tmp_path):
    path = tmp_path / "bad.toml"
    text = rules.dumps(rules.published()[0])
    text = text.replace("sourced = 3", "sourced = -3").replace("USD = 100", "USD = 0")
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("rules check", str(path))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"hubpartner: error: {path}: points_per_usd_100.sourced: ")
    assert lines[1].startswith(f"hubpartner: error: {path}: currencies.USD: ")
