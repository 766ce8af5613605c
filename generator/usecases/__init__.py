"""What the commands do, as library calls: one module per job.

Each use case takes paths and options, calls the pipeline (load, check, diff, amend, build,
output) and returns a frozen dataclass saying what happened; it raises the typed errors of
`generator.errors` and never prints or exits. `cli.py` parses arguments, calls one of these,
prints the result and turns the errors into exit codes in one table.
"""
