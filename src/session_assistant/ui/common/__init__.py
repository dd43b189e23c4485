"""What every screen shares: the context, engines, workers, widgets, dialogs, settings."""
