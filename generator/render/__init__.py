"""Writers: one module per output format; each returns bytes and never chooses a path."""
