"""The session screen: record, import, transcript, speakers, draft review."""
