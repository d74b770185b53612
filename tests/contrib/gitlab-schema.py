"""Validates GitLab CI files against GitLab's published JSON Schema.

usage: gitlab-schema.py SCHEMA FILE...
Prints one line a mistake, FILE: PATH: MESSAGE; exits 1 when there is one.
"""
import json
import sys

import jsonschema
import yaml


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    found = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path))):
            where = "/".join(str(p) for p in error.path) or "(top)"
            message = error.message if len(error.message) <= 300 else error.message[:300] + "..."
            print(f"{name}: {where}: {message}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
