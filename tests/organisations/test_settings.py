import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_extra):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt" in result.stderr


def test_development_starts_without_secret_key():
    result = _check({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_values():
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-3f9a",
        "ALLOWED_HOSTS": "stap0.example.nl",
    }
    env_all = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env_all.update(env)
    env_all["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env_all,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
