#!/usr/bin/env python3
# Adds finished translations of new messages to translations/passmirror_*.ts
# (or replaces them), keeping each file's order and layout.
#   tools/add-translations.py MESSAGES.json
# MESSAGES.json: [{"context": "PassMirror::ErrorMessages", "source": "...",
#                  "comment": "@info error" (optional),
#                  "de": "...", "fr": "...", "es": "..."}, ...]
# lupdate (ui.translations) still decides which messages the sources have.
import json, sys, pathlib
from xml.sax.saxutils import escape

root = pathlib.Path(__file__).resolve().parent.parent / "translations"
messages = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))

def block(message, text):
    lines = ["    <message>", f"        <source>{escape(message['source'])}</source>"]
    if message.get("comment"):
        lines.append(f"        <comment>{escape(message['comment'])}</comment>")
    lines += [f"        <translation>{escape(text)}</translation>", "    </message>"]
    return "\n".join(lines) + "\n"

for language in ("de", "fr", "es"):
    path = root / f"passmirror_{language}.ts"
    text = path.read_text(encoding="utf-8")
    for message in messages:
        source = f"<source>{escape(message['source'])}</source>"
        if source in text:
            start = text.rfind("    <message>", 0, text.index(source))
            end = text.index("    </message>\n", start) + len("    </message>\n")
            text = text[:start] + block(message, message[language]) + text[end:]
            continue
        header = f"    <name>{escape(message['context'])}</name>\n"
        if header not in text:
            closing = text.rindex("</TS>")
            text = text[:closing] + "<context>\n" + header + block(message, message[language]) + "</context>\n" + text[closing:]
            continue
        context_end = text.index("</context>", text.index(header))
        text = text[:context_end] + block(message, message[language]) + text[context_end:]
    path.write_text(text, encoding="utf-8")
    print(f"{path.name}: {len(messages)} messages added or updated")
