#!/usr/bin/env bash
# Idempotent set-up for `make demo` and `make test`: the Debian packages prikaz needs
# (LibreOffice, metric-compatible fonts, Russian hyphenation, poppler for PDF checks,
# Chromium for the tests of HTML pages, python3-uno for the tests that accept or reject
# tracked changes in LibreOffice),
# then a virtual environment with the package installed in editable mode.
# Each step runs only when what it provides is missing. `setup.sh --bench` also installs
# pandoc, the baseline the benchmarks compare against; `setup.sh --lint` also installs the
# type checker `make lint` runs (the «lint» extra), which `make test` does not need.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
DEBIAN_PACKAGES="libreoffice-writer-nogui fonts-liberation fonts-liberation2 hyphen-ru poppler-utils chromium python3-uno hunspell-ru libenchant-2-2"

need_debian=0
command -v soffice >/dev/null 2>&1 || need_debian=1
command -v pdftoppm >/dev/null 2>&1 || need_debian=1
command -v pdftotext >/dev/null 2>&1 || need_debian=1
command -v chromium >/dev/null 2>&1 || need_debian=1
/usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need_debian=1
# spelling for prikaz check: the Russian hunspell dictionary through enchant
[ -f /usr/share/hunspell/ru_RU.dic ] || need_debian=1
ls /usr/lib/*/enchant-2/enchant_hunspell.so >/dev/null 2>&1 || need_debian=1
# Not «grep -q»: it stops reading early, fc-list dies of SIGPIPE, and pipefail would
# count that as missing fonts (and run apt-get on every call).
fc-list 2>/dev/null | grep "Liberation Serif" >/dev/null || need_debian=1
if [ "${1:-}" = "--bench" ]; then
    DEBIAN_PACKAGES="$DEBIAN_PACKAGES pandoc"
    command -v pandoc >/dev/null 2>&1 || need_debian=1
fi

if [ "$need_debian" = 1 ]; then
    echo "Установка пакетов Debian: $DEBIAN_PACKAGES"
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "Нужны права root для apt-get: установите вручную: $DEBIAN_PACKAGES" >&2; exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $DEBIAN_PACKAGES >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "Создание виртуального окружения .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.prikaz-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Установка prikaz и зависимостей в .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
    touch "$stamp"
fi
if [ "${1:-}" = "--lint" ]; then
    lint_stamp=.venv/.prikaz-lint-installed
    if [ ! -f "$lint_stamp" ] || [ pyproject.toml -nt "$lint_stamp" ]; then
        echo "Установка средств проверки кода в .venv"
        .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,lint]"
        touch "$lint_stamp"
    fi
fi
