"""Threat Workbench: threat modeling for connected health (things, gateways, networks, cloud)."""

__version__ = "0.1.0"
