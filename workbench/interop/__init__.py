"""Importers and exporters for other threat-modeling tools."""
