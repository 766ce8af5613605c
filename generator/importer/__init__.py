"""DOCX → prikaz content: `prikaz import`.

The stages run one way: `read` turns the DOCX into a flat list of blocks (paragraphs and
table grids with merged cells resolved); `order`, `plan` and `regulation` turn blocks
into plain dicts in the shape of the content format; `numbers` decides which printed
numbers must be kept as explicit `number:`; `dump.to_yaml` renders the dicts as YAML
text; `report` collects what could not be mapped. `run.import_docx` joins them.
"""
