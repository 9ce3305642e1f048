"""PDF documents (reportlab): fonts with glyph-by-glyph fallback, GB/T 9704-2012 layout, one module per document."""
