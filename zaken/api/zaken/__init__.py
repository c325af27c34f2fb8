"""The Zaken API 1.5."""
