"""Threat rules, risk scoring and (later) attack paths. Never imports Qt."""
