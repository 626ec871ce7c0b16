#!/usr/bin/env python3
# Fails on an unfinished or missing translation of the window:
#   - every message of every .ts has a finished, non-empty translation
#     (all plural forms), with the same placeholders and one accelerator
#     when the source has one;
#   - lupdate run on the sources now finds no message the .ts lacks.
# usage: check-translations.py LUPDATE SOURCE_DIR... -- TS_FILE...
import re, subprocess, sys, tempfile, os
import xml.etree.ElementTree as ET

args = sys.argv[1:]
lupdate = args.pop(0)
split = args.index("--")
sources, ts_files = args[:split], args[split + 1:]
problems = []

def messages(path):
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            out[(name, m.findtext("source"), m.findtext("comment") or "")] = m
    return out

def placeholders(text):
    return sorted(set(re.findall(r"%(?:\d+|n)", text or "")))

with tempfile.TemporaryDirectory() as tmp:
    fresh = os.path.join(tmp, "fresh.ts")
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", fresh], check=True)
    wanted = messages(fresh)

for path in ts_files:
    lang = os.path.basename(path)
    have = messages(path)
    for key in wanted:
        if key not in have:
            problems.append(f"{lang}: missing {key}")
    for key, m in have.items():
        tr = m.find("translation")
        kind = tr.get("type")
        if kind:
            problems.append(f"{lang}: {kind} {key}")
            continue
        forms = [f.text for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text]
        for text in forms:
            if not text or not text.strip():
                problems.append(f"{lang}: empty translation of {key}")
                continue
            if placeholders(text) != placeholders(key[1]):
                problems.append(f"{lang}: placeholders {placeholders(text)} != {placeholders(key[1])} in {key}")
            if "&" in key[1] and text.replace("&&", "").count("&") != 1:
                problems.append(f"{lang}: needs exactly one accelerator (&) in {text!r}")
    print(f"{lang}: {len(have)} messages, {len(wanted)} in the sources")

if problems:
    print("\n".join(problems))
    sys.exit(1)
