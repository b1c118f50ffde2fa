"""The words of test_locale.sh's two tours (issue 23).

Usage: locale_check.py SOURCE_DIR ZH_DIR C_DIR. Each DIR holds NAME.{kind,args,out,err,rc} per
command. Under zh_CN, what is meant for people (the human commands' output and every error) must
have no English word; under C, no Chinese. Data and ids are not words of the interface:
  - the values of the tour's records (every string in its JSON, CSV and JSON Lines outputs) and
    of the configuration (config show), and the arguments given on the command lines;
  - the names svcdesk accepts: commands (add_subcommand), option names (-x, --xxx), the words of
    the domain (k_*names lists: statuses, channels, roles ...), completion words;
  - identifiers: words with a digit, '_' or '.', ALL-CAPS words (metavariables, codes), config
    sections ([calendar]), environment variables, paths, and examples (from "Example:"/"示例："
    to the end of the line, and `code`);
  - the allow-list below: the program's name and technical names that stay as they are.
Prints each offending word with the command and line; exits 1 if there is one.
"""
import csv, io, json, os, re, sys

ALLOWED = {
    "svcdesk", "sqlite", "postgresql", "SQLite", "PostgreSQL", "libpq", "iCalendar", "ics", "iconv",
    "bash", "zsh", "json", "csv", "jsonl", "md", "html", "table", "true", "false", "seed", "s",
    "softphone", "pg_dump", "sha256", "setgid", "e", "g", "MiB", "h", "m", "d", "C", "H", "D",
    # words svcdesk takes as values: times and dates, languages, the role of any staff member
    "now", "today", "yesterday", "tomorrow", "zh", "en", "any", "Lines",
}

source, zh_dir, c_dir = sys.argv[1], sys.argv[2], sys.argv[3]

def read(path):
    try:
        return open(path, encoding="utf-8", errors="replace").read()
    except FileNotFoundError:
        return ""

def names(directory):
    return sorted(f[:-5] for f in os.listdir(directory) if f.endswith(".kind"))

# ---- the data: values of the records and the config, and the arguments
data = set()

def add_values(node):
    if isinstance(node, dict):
        for v in node.values():
            add_values(v)
    elif isinstance(node, list):
        for v in node:
            add_values(v)
    elif isinstance(node, str):
        data.add(node)

for d in (zh_dir, c_dir):
    for n in names(d):
        data.update(read(f"{d}/{n}.args").split("\n"))
        if read(f"{d}/{n}.kind").strip() != "machine":
            continue
        text = read(f"{d}/{n}.out")
        try:
            add_values(json.loads(text))
            continue
        except ValueError:
            pass
        try:
            for line in text.splitlines():
                add_values(json.loads(line))
            continue
        except ValueError:
            pass
        for row in csv.reader(io.StringIO(text)):
            data.update(row)
        data.update(text.split())

WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'’-]*")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
data_words, data_cjk = set(), set()
for v in data:
    data_words.update(w.lower() for w in WORD.findall(v))
    data_cjk.update(CJK.findall(v))

# ---- the names svcdesk accepts, from its sources
accepted = set()
for root, _, files in os.walk(os.path.join(source, "lib/svcdesk")):
    for f in files:
        text = read(os.path.join(root, f))
        for m in re.finditer(r"k_[a-z_]*(?:names|types|flags|channels|kinds|roles)[^=;]*=\s*\{([^}]*)\}", text):
            accepted.update(re.findall(r'"([a-z_]+)"', m.group(1)))
apps = os.path.join(source, "apps/svcdesk")
for f in os.listdir(apps):
    text = read(os.path.join(apps, f))
    accepted.update(re.findall(r'add_subcommand\(\s*"([a-z-]+)"', text))
    accepted.update(re.findall(r'add_option\(\s*"([a-z_]+)"', text))  # positionals: their names
    accepted.update(re.findall(r'(?:ticket|tag)_command\([^,]+,\s*[^,]+,\s*"([a-z-]+)"', text))
    for m in re.finditer(r"words\(\{([^}]*)\}\)", text):
        accepted.update(re.findall(r'"([a-z_]+)"', m.group(1)))
accepted.update(w.lower() for w in ALLOWED)

def strip_code(line):
    """The line without its example, `code`, [sections], $VARIABLES, paths, options and URLs."""
    # Markdown's backslash escapes (walk\_in is the id walk_in, as a renderer shows it)
    line = re.sub(r"\\([\\`*_{}\[\]()#+.!|<>&-])", r"\1", line)
    for marker in ("Example:", "示例：", "示例:"):
        if marker in line:
            line = line[: line.index(marker)]
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\[\[?[^\]]*\]\]?", " ", line)
    line = re.sub(r"\$\(?[A-Za-z_][A-Za-z0-9_]*", " ", line)
    line = re.sub(r"[A-Za-z]+://\S*", " ", line)
    line = re.sub(r"(?<![A-Za-z])[~.]?/[^\s,;:)）]*", " ", line)
    line = re.sub(r"(?<![A-Za-z0-9])--?[A-Za-z][A-Za-z0-9-]*", " ", line)
    return line

def english_words(line):
    out = []
    for m in WORD.finditer(strip_code(line)):
        w = m.group(0).rstrip("'’-")
        if not w or re.search(r"[0-9_]", w) or w.isupper():
            continue
        # a word joined to an id by '.' or '-' (config keys, file names) is part of it
        start, end = m.start(), m.end()
        stripped = strip_code(line)
        if (start > 0 and stripped[start - 1] in ".-,") or (end < len(stripped) and stripped[end] == "," and end + 1 < len(stripped) and stripped[end + 1].isalnum()) or (end < len(stripped) and stripped[end:end + 1] in (".",) and end + 1 < len(stripped) and stripped[end + 1].isalnum()):
            continue
        low = w.lower()
        if low in accepted or low in data_words:
            continue
        out.append(w)
    return out

def chinese(line):
    line = strip_code(line)
    return [r for r in CJK.findall(line) if not any(r in v for v in data_cjk)]

problems = []

def lines_for_people(directory):
    """(command, stream, line number, line) of what is meant for people: the output of the human
    commands and every command's standard error, prefixes aside."""
    for n in names(directory):
        human = read(f"{directory}/{n}.kind").strip() == "human"
        for stream in ("out", "err") if human else ("err",):
            for i, line in enumerate(read(f"{directory}/{n}.{stream}").splitlines(), 1):
                for prefix in ("svcdesk: error: ", "svcdesk: note: ", "svcdesk: warning: "):
                    line = line.replace(prefix, "")
                yield n, stream, i, line

for n, stream, i, line in lines_for_people(zh_dir):
    words = english_words(line)
    if words:
        problems.append(f"zh_CN {n}.{stream}:{i}: English {words}: {line.strip()[:160]}")
for n, stream, i, line in lines_for_people(c_dir):
    runs = chinese(line)
    if runs:
        problems.append(f"C {n}.{stream}:{i}: Chinese {runs}: {line.strip()[:160]}")

for p in problems:
    print(p)
print(f"{len(problems)} problem(s); {len(data)} data values, {len(accepted)} accepted names")
sys.exit(1 if problems else 0)
