"""The ZGW Catalogi API 1.3, served at `/catalogi/api/v1/`."""
