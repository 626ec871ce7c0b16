#!/usr/bin/env python3
"""Checks packaging/flatpak/org.passmirror.PassMirror.yml without the KDE
runtime (which cannot be downloaded here):

- flatpak-builder parses it and knows every key (--show-manifest, no warning),
- it fits flatpak-manifest.schema.json (runtime, sandbox policy),
- it agrees with the tree: app id = desktop entry = metainfo id, icons named
  so that Flatpak exports them, the source dir is this checkout, the window-only
  option exists in CMakeLists.txt, and the helper's bus name is the one the
  KAuth helper really uses.

usage: check-flatpak-manifest.py SOURCE_DIR
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

source = pathlib.Path(sys.argv[1]).resolve()
manifest_path = source / "packaging/flatpak/org.passmirror.PassMirror.yml"
schema_path = pathlib.Path(__file__).resolve().parent / "flatpak-manifest.schema.json"
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


manifest = yaml.safe_load(manifest_path.read_text())

# flatpak-builder's own parser: unknown keys only warn, so warnings fail here.
with tempfile.TemporaryDirectory() as scratch:
    shown = subprocess.run(["flatpak-builder", "--show-manifest", str(manifest_path)],
                           cwd=scratch, capture_output=True, text=True)
check(shown.returncode == 0, f"flatpak-builder --show-manifest failed: {shown.stderr.strip()}")
check("WARNING" not in shown.stderr and "Unknown" not in shown.stderr,
      f"flatpak-builder warns: {shown.stderr.strip()}")
if shown.returncode == 0:
    check(json.loads(shown.stdout) == manifest,
          "flatpak-builder read the manifest differently from YAML (a key it does not keep?)")

validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text()))
for error in validator.iter_errors(manifest):
    path = "/".join(str(p) for p in error.absolute_path) or "(top)"
    problems.append(f"schema: {path}: {error.message}")
# The policy must be able to say no: broad access added to this manifest fails.
for broad in ["--filesystem=home", "--filesystem=host", "--socket=system-bus", "--talk-name=org.freedesktop.Flatpak"]:
    widened = dict(manifest, **{"finish-args": manifest.get("finish-args", []) + [broad]})
    check(not validator.is_valid(widened), f"the schema would accept {broad}")

app_id = manifest.get("id", "")
check((source / "app" / f"{app_id}.desktop").is_file(), f"no app/{app_id}.desktop")
metainfo = source / "app" / f"{app_id}.metainfo.xml"
check(metainfo.is_file() and f"<id>{app_id}</id>" in metainfo.read_text(),
      f"app/{app_id}.metainfo.xml does not declare <id>{app_id}</id>")
# Flatpak exports only icons whose names start with the app id; the tray's
# state icons must be among them or the host's panel cannot show them.
for icon in sorted((source / "app/icons").glob("*.svg")):
    check(icon.name.startswith(app_id), f"icon {icon.name} is not exported by Flatpak (name must start with {app_id})")

cmake = (source / "CMakeLists.txt").read_text()
for module in manifest.get("modules", []):
    for src in module.get("sources", []):
        if src.get("type") == "dir":
            root = (manifest_path.parent / src["path"]).resolve()
            check(root == source, f"module {module['name']}: dir source {src['path']} is {root}, not the checkout")
    opts = module.get("config-opts", [])
    check("-DPASSMIRROR_BUILD_SERVICES=OFF" in opts, f"module {module['name']} does not build the window only")
    check("-DBUILD_TESTING=OFF" in opts, f"module {module['name']} builds the tests")
check(re.search(r"option\(PASSMIRROR_BUILD_SERVICES\b", cmake) is not None,
      "CMakeLists.txt has no PASSMIRROR_BUILD_SERVICES option")
check(re.search(r"install\(TARGETS passmirror\b", (source / "app/CMakeLists.txt").read_text()) is not None,
      "app/CMakeLists.txt does not install the passmirror command")

helper_actions = (source / "helper/org.passmirror.helper.actions").read_text()
check("[org.passmirror.helper." in helper_actions, "the helper's actions are not under org.passmirror.helper")
check("--system-talk-name=org.passmirror.helper" in manifest.get("finish-args", []),
      "the sandbox cannot reach the host's helper")

if problems:
    print("\n".join(f"FAIL: {p}" for p in problems))
    sys.exit(1)
print(f"{manifest_path.relative_to(source)}: flatpak-builder reads it without warnings; schema and tree agree "
      f"({len(manifest['finish-args'])} finish-args, {len(manifest['modules'])} module)")
