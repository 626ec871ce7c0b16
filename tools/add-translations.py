#!/usr/bin/env python3
# Adds finished translations of new messages to translations/passmirror_*.ts
# (or replaces them), keeping each file's order and layout.
#   tools/add-translations.py MESSAGES.json
# MESSAGES.json: [{"context": "PassMirror::ErrorMessages", "source": "...",
#                  "comment": "@info error" (optional),
#                  "de": "...", "fr": "...", "es": "..."}, ...]
# A message with %n gives each language a list: its plural forms in Qt's
# order (de, fr, es: singular, plural).
# A message is found by context, source and comment, so the same words in
# two contexts stay two messages.
# lupdate (ui.translations) still decides which messages the sources have.
import json, sys, pathlib
from xml.sax.saxutils import escape

root = pathlib.Path(__file__).resolve().parent.parent / "translations"
messages = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))

def block(message, text):
    numerus = isinstance(text, list)
    lines = ['    <message numerus="yes">' if numerus else "    <message>",
             f"        <source>{escape(message['source'])}</source>"]
    if message.get("comment"):
        lines.append(f"        <comment>{escape(message['comment'])}</comment>")
    if numerus:
        lines.append("        <translation>")
        lines += [f"            <numerusform>{escape(form)}</numerusform>" for form in text]
        lines.append("        </translation>")
    else:
        lines.append(f"        <translation>{escape(text)}</translation>")
    lines.append("    </message>")
    return "\n".join(lines) + "\n"

def find(text, context_start, context_end, message):
    """The span of the message in the context, or None."""
    needle = f"<source>{escape(message['source'])}</source>\n"
    comment = f"        <comment>{escape(message['comment'])}</comment>\n" if message.get("comment") else None
    at = context_start
    while True:
        at = text.find(needle, at, context_end)
        if at < 0:
            return None
        start = text.rfind("    <message", 0, at)
        end = text.index("    </message>\n", at) + len("    </message>\n")
        has_comment = "<comment>" in text[start:end]
        if (comment is None and not has_comment) or (comment is not None and comment in text[start:end]):
            return start, end
        at += len(needle)

for language in ("de", "fr", "es"):
    path = root / f"passmirror_{language}.ts"
    text = path.read_text(encoding="utf-8")
    for message in messages:
        header = f"    <name>{escape(message['context'])}</name>\n"
        if header not in text:
            closing = text.rindex("</TS>")
            text = text[:closing] + "<context>\n" + header + block(message, message[language]) + "</context>\n" + text[closing:]
            continue
        context_start = text.index(header)
        context_end = text.index("</context>", context_start)
        span = find(text, context_start, context_end, message)
        if span:
            text = text[:span[0]] + block(message, message[language]) + text[span[1]:]
        else:
            text = text[:context_end] + block(message, message[language]) + text[context_end:]
    path.write_text(text, encoding="utf-8")
    print(f"{path.name}: {len(messages)} messages added or updated")
