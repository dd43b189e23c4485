"""The note editor: fields, AI draft, review, mental status."""
