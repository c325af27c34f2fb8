"""The Besluiten API 1.0."""
