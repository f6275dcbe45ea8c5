"""Defaults a new model starts with: EBIOS-style 4 x 4 scales and the ten impact categories."""

from __future__ import annotations

from workbench.model.entities import ImpactCategory, RiskSettings, ScaleLevel

IMPACT_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("care_delivery", "Care delivery (missions)", "Ability to deliver care and run services."),
    ("decision_making", "Decision-making capacity", "Deciding on sound data."),
    ("patient_safety", "Safety of persons", "Physical harm to patients, staff or visitors."),
    ("social_cohesion", "Internal social cohesion", "Trust and climate among staff."),
    ("intellectual_assets", "Intellectual or cultural assets", "Research, know-how, archives."),
    ("image", "Image and reputation", "Trust of patients, partners and the public."),
    ("compliance", "Non-compliance", "Certification (HDS, HAS), regulatory obligations."),
    ("legal", "Legal", "Liability, litigation, sanctions (e.g. GDPR fines)."),
    ("environment", "Environment", "Effects on the environment."),
    ("financial", "Financial", "Direct and indirect financial loss."),
)

#: French names of the default categories (the seed document's EBIOS wording), for reports
#: and minutes in French; a category the organisation defined keeps its own name.
IMPACT_NAMES_FR: dict[str, str] = {
    "care_delivery": "Prise en charge des soins (missions)",
    "decision_making": "Capacité de décision", "patient_safety": "Sécurité des personnes",
    "social_cohesion": "Cohésion sociale interne",
    "intellectual_assets": "Patrimoine intellectuel ou culturel",
    "image": "Image et confiance", "compliance": "Non-conformité", "legal": "Juridique",
    "environment": "Environnement", "financial": "Financier",
}

SEVERITY_4 = (
    (1, "Minor", "No or negligible effect; quickly overcome."),
    (2, "Significant", "Degraded care or service, overcome with limited effort."),
    (3, "Serious", "Strongly degraded care, serious harm possible, heavy consequences."),
    (4, "Critical", "Care impossible, death or lasting harm, existential for the organisation."),
)
LIKELIHOOD_4 = (
    (1, "Unlikely", "Would need exceptional means or luck."),
    (2, "Likely", "Feasible with significant means."),
    (3, "Very likely", "Feasible with ordinary means; has happened elsewhere."),
    (4, "Near certain", "Expected to happen; trivial means suffice."),
)


def default_risk_settings() -> RiskSettings:
    return RiskSettings(
        likelihood_levels=[ScaleLevel(value=v, name=n, description=d) for v, n, d in LIKELIHOOD_4],
        severity_levels=[ScaleLevel(value=v, name=n, description=d) for v, n, d in SEVERITY_4],
        impact_categories=[ImpactCategory(id=i, name=n, description=d)
                           for i, n, d in IMPACT_CATEGORIES],
    )


# ISO/IEC 27005 / NIST SP 800-30 style five-level scales, the built-in alternative.
SEVERITY_5 = (
    (1, "Very low", "Negligible effect on care, persons or the organisation."),
    (2, "Low", "Limited, short degradation; no harm to persons."),
    (3, "Moderate", "Noticeable degradation of care; minor harm to persons possible."),
    (4, "High", "Severe degradation; serious injury or large data breach."),
    (5, "Very high", "Care stops, death or permanent harm, or existential loss."),
)
LIKELIHOOD_5 = (
    (1, "Rare", "Not expected; would need exceptional means."),
    (2, "Unlikely", "Possible with specialist skills and significant effort."),
    (3, "Possible", "Feasible for a skilled attacker with moderate effort."),
    (4, "Likely", "Feasible with ordinary means; seen in comparable systems."),
    (5, "Almost certain", "Expected; public tools or trivial means suffice."),
)


def risk_settings_5x5() -> RiskSettings:
    """Same ten impact categories with 5 x 5 scales (ISO 27005 / NIST SP 800-30 style)."""
    settings = default_risk_settings()
    settings.likelihood_levels = [ScaleLevel(value=v, name=n, description=d)
                                  for v, n, d in LIKELIHOOD_5]
    settings.severity_levels = [ScaleLevel(value=v, name=n, description=d)
                                for v, n, d in SEVERITY_5]
    return settings
