"""Static reference data (no Django imports): migrations and seed services both read it."""
