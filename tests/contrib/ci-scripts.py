"""Writes the shell of CI files out, one file a step or job, to be linted.

usage: ci-scripts.py OUTDIR FILE...
GitHub and Forgejo workflows: each step's `run`. GitLab CI: each job's
before_script, then its script (hidden jobs too). Each file begins with a
comment naming where it came from: `# FILE: JOB, step N` or
`# FILE: JOB, script`. Prints the files written, in the order of the file.
"""
import os
import sys

import yaml


def scripts(document):
    if not isinstance(document, dict):
        return
    jobs = document.get("jobs")
    if isinstance(jobs, dict):  # GitHub Actions, Forgejo Actions
        for job_name, job in jobs.items():
            for i, step in enumerate((job or {}).get("steps") or []):
                if isinstance(step, dict) and isinstance(step.get("run"), str):
                    yield f"{job_name}, step {i + 1}", step["run"]
        return
    for job_name, job in document.items():  # GitLab CI
        if not isinstance(job, dict):
            continue
        for key in ("before_script", "script"):
            value = job.get(key) or []
            lines = [value] if isinstance(value, str) else value
            if lines:
                yield f"{job_name}, {key}", "\n".join(lines) + "\n"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for where, text in scripts(document):
            n += 1
            path = os.path.join(out, f"{n:02d}.sh")
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"# {name}: {where}\n{text}")
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
