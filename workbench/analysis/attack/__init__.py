"""Attack-path engine: graph, attackers, targets, paths, probabilities, recommendations.

No Qt here. The entry point is :func:`analyze_attacks`; the method is documented in
``docs/attack-paths.md``.
"""

from workbench.analysis.attack.attempts import attempt_probabilities
from workbench.analysis.attack.engine import AttackAnalysis, analyze_attacks
from workbench.analysis.attack.evidence import EdgeEvidence, ThreatEvidence
from workbench.analysis.attack.graph import StepGraph, build_graph
from workbench.analysis.attack.probability import Solver, wilson

__all__ = ["AttackAnalysis", "EdgeEvidence", "Solver", "StepGraph", "ThreatEvidence",
           "analyze_attacks", "attempt_probabilities", "build_graph", "wilson"]
